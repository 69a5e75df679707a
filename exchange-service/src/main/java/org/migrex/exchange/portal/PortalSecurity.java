package org.migrex.exchange.portal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.migrex.node.MigrexSecurityProperties;
import org.migrex.node.NodeLogins;
import org.migrex.node.ScopedSecurityFilterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in for the portal's pages: a chain of its own for {@code /portal/**} (before the node's HTTP Basic chain,
 * which keeps every other path). The public pages, the style sheet and the sign-in page are open to everyone; the
 * signed-in pages need a role, the same as the API behind them:
 * <ul>
 *   <li>{@code /portal/upload}: AGENCY (ingestion also checks that the agency owns the source);</li>
 *   <li>{@code /portal/quarantine}: AGENCY or OPERATOR; {@code POST /portal/quarantine/replay}: OPERATOR;</li>
 *   <li>{@code /portal/inbox}: AGENCY or STATISTICIAN;</li>
 *   <li>{@code /portal/mirror}, {@code /portal/quality}, {@code /portal/remittances}: STATISTICIAN (the node's own figures, before disclosure
 *       control).</li>
 * </ul>
 * A browser signs in with a form ({@code POST /portal/signin}) against the node's own users and login throttle
 * ({@link NodeLogins}); the session (cookie {@code JSESSIONID}, HttpOnly, SameSite=Lax) keeps the user and, in server
 * memory only, the password the portal forwards to ingestion and harmonization ({@link PortalBackends}). Every form
 * that changes something carries Spring Security's CSRF token. A program may send HTTP Basic instead.
 *
 * <p>Refusals: a browser (Accept text/html) that is not signed in is sent to the sign-in page (302) and back
 * afterwards; any other client gets 401 with {@code WWW-Authenticate: Basic}. A signed-in user without the role
 * gets 403 with a page saying which role the page needs.
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurity {
    static final String SIGN_IN = "/portal/signin";

    /** The portal's paths that need no login. */
    static final List<String> OPEN = List.of("/portal", "/portal/public", "/portal/public/**", "/portal/portal.css",
            SIGN_IN);

    @Bean
    @Order(1)
    ScopedSecurityFilterChain portalSecurityFilterChain(HttpSecurity http, UserDetailsService users,
                                                        PasswordEncoder passwordEncoder,
                                                        MigrexSecurityProperties properties) throws Exception {
        String agency = MigrexSecurityProperties.Role.AGENCY.name();
        String operator = MigrexSecurityProperties.Role.OPERATOR.name();
        String statistician = MigrexSecurityProperties.Role.STATISTICIAN.name();
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/portal/denied");
        http.securityMatcher("/portal", "/portal/**")
                .authenticationManager(NodeLogins.authenticationManager(users, passwordEncoder, properties, false))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN.toArray(String[]::new)).permitAll()
                        .requestMatchers("/portal/upload", "/portal/upload/**").hasRole(agency)
                        .requestMatchers(HttpMethod.POST, "/portal/quarantine/replay").hasRole(operator)
                        .requestMatchers("/portal/quarantine", "/portal/quarantine/**").hasAnyRole(agency, operator)
                        .requestMatchers("/portal/inbox", "/portal/inbox/**").hasAnyRole(agency, statistician)
                        .requestMatchers("/portal/mirror", "/portal/mirror/**").hasRole(statistician)
                        .requestMatchers("/portal/quality", "/portal/quality/**").hasRole(statistician)
                        .requestMatchers("/portal/remittances", "/portal/remittances/**").hasRole(statistician)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN)
                        .defaultSuccessUrl("/portal/home")
                        .failureHandler((request, response, e) -> {
                            long wait = NodeLogins.retryAfterSeconds(e);
                            response.sendRedirect(request.getContextPath() + SIGN_IN
                                    + (wait >= 0 ? "?wait=" + wait : "?error")); // never the name tried
                        }))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint()))
                .logout(logout -> logout.logoutUrl("/portal/signout").logoutSuccessUrl("/portal/public?signedout"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint()).accessDeniedHandler(denied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .addFilterBefore(anonymousPostsRefusedUnread(), CsrfFilter.class);
        DefaultSecurityFilterChain chain = http.build();
        return new ScopedSecurityFilterChain() {
            @Override
            public boolean matches(HttpServletRequest request) {
                return chain.matches(request);
            }

            @Override
            public List<Filter> getFilters() {
                return chain.getFilters();
            }
        };
    }

    /** Browsers to the sign-in page, programs 401 with the node's Basic challenge. */
    static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            String accept = request.getHeader("Accept");
            if (accept != null && accept.contains("text/html")) {
                response.sendRedirect(request.getContextPath() + SIGN_IN);
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"migrex\"");
            writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                    "sign in at " + SIGN_IN + " or use HTTP Basic with a user of this node");
        };
    }

    /**
     * A POST to a signed-in page by someone not signed in is refused before its body is read: the CSRF check reads
     * form parameters, which for a multipart upload would spool the whole file first.
     */
    static Filter anonymousPostsRefusedUnread() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws jakarta.servlet.ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if ("POST".equals(request.getMethod()) && !path.equals(SIGN_IN) && !path.equals("/portal/signout")
                        && !signedIn(SecurityContextHolder.getContext().getAuthentication())
                        && request.getHeader("Authorization") == null) {
                    entryPoint().commence(request, response, null);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static boolean signedIn(Authentication user) {
        return user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
    }

    private static void writeError(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
