package org.migrex.node;

import java.util.List;

/**
 * Request paths a service serves without a login (besides {@code /actuator/health}), such as the exchange service's
 * public portal pages, which show only what the node released for publication. Each is an ant-style pattern of
 * Spring Security's {@code requestMatchers}; every other path stays authenticated.
 */
@FunctionalInterface
public interface PublicPaths {
    /** The patterns, e.g. {@code /portal/public/**}. */
    List<String> patterns();
}
