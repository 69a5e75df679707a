package org.migrex.node;

import org.springframework.security.web.SecurityFilterChain;

/**
 * A security filter chain of a service that covers only some request paths (its {@code securityMatcher}) and comes
 * before the node's own chain ({@code @Order} below {@code Ordered.LOWEST_PRECEDENCE}), such as the exchange service's
 * portal with its form login. A bean of this type (declared as this type) does not replace the node's HTTP Basic
 * chain, which still guards every other path; any other {@link SecurityFilterChain} bean does.
 */
public interface ScopedSecurityFilterChain extends SecurityFilterChain {
}
