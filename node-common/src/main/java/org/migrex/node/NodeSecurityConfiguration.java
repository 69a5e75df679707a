package org.migrex.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * HTTP security of a node: HTTP Basic against the users of {@code migrex.security.users}, stateless, with
 * {@code /actuator/health} and the services' {@link PublicPaths} public, the other actuator endpoints for operators, and everything else for
 * authenticated users (services add role checks per endpoint with {@code @PreAuthorize}). State-changing requests of
 * the types a cross-site form can send need the header {@code X-Requested-By} ({@link StateChangeHeaderFilter});
 * failed logins are throttled ({@link LoginThrottle}); under profile {@code prod} behind a trusted proxy, only HTTPS
 * requests are served ({@link HttpsOnlyFilter}). See docs/security.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class NodeSecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(NodeSecurityConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(value = SecurityFilterChain.class, ignored = ScopedSecurityFilterChain.class)
    SecurityFilterChain migrexSecurityFilterChain(HttpSecurity http, UserDetailsService users,
                                                  PasswordEncoder passwordEncoder, MigrexSecurityProperties properties,
                                                  Environment environment,
                                                  ObjectProvider<PublicPaths> publicPaths) throws Exception {
        http.authenticationManager(NodeLogins.authenticationManager(users, passwordEncoder, properties, true));
        http.addFilterBefore(new StateChangeHeaderFilter(), BasicAuthenticationFilter.class);
        if (environment.matchesProfiles("prod") && !properties.trustedProxies().isEmpty()) {
            http.addFilterBefore(new HttpsOnlyFilter(), StateChangeHeaderFilter.class);
        }
        String[] open = publicPaths.orderedStream().flatMap(p -> p.patterns().stream()).toArray(String[]::new);
        if (open.length > 0) {
            http.authorizeHttpRequests(requests -> requests.requestMatchers(open).permitAll());
        }
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(MigrexSecurityProperties.Role.OPERATOR.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    if (e instanceof LoginThrottle.LoginThrottledException throttled) {
                        response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                        writeError(response, 429, "Too Many Requests", throttled.getMessage());
                        return;
                    }
                    response.setHeader("WWW-Authenticate", "Basic realm=\"migrex\"");
                    writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                            "missing or wrong credentials: use HTTP Basic with a user of this node");
                }))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        writeError(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                                "user '" + (request.getUserPrincipal() == null ? "?" : request.getUserPrincipal().getName())
                                        + "' lacks the role needed for " + request.getMethod() + " "
                                        + request.getRequestURI())))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @ConditionalOnMissingBean(PasswordEncoder.class)
    PasswordEncoder migrexPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    UserDetailsService migrexUsers(MigrexSecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, MigrexSecurityProperties.User> entry : properties.users().entrySet()) {
            MigrexSecurityProperties.User user = entry.getValue();
            if (user.password().startsWith("{noop}")) {
                log.warn("user '{}' has a clear-text {{noop}} password: use {{bcrypt}} outside tests", entry.getKey());
            }
            users.add(User.withUsername(entry.getKey()).password(user.password())
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new)).build());
        }
        if (users.isEmpty()) {
            log.warn("no users configured (migrex.security.users): every API except /actuator/health refuses requests");
        }
        return new InMemoryUserDetailsManager(users);
    }

    static void writeError(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
