package org.migrex.admin;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;

import de.codecentric.boot.admin.server.config.AdminServerProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use the console: the one user of {@code spring.security.user.*} (the sandbox's {@code operator}), by the
 * admin UI's own login form in a browser or by HTTP Basic from scripts. The console's health and its static assets
 * and login page are public.
 *
 * <p>CSRF protection follows Spring Boot Admin's documented set-up for its single-page UI: the token travels in a
 * JavaScript-readable {@code XSRF-TOKEN} cookie; registration ({@code POST /instances}), deregistration and the
 * console's own actuator are exempt, because they are called by programs with HTTP Basic, not by a browser session.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    @Bean
    SecurityFilterChain adminSecurityFilterChain(HttpSecurity http, AdminServerProperties admin) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        SavedRequestAwareAuthenticationSuccessHandler afterLogin = new SavedRequestAwareAuthenticationSuccessHandler();
        afterLogin.setTargetUrlParameter("redirectTo");
        afterLogin.setDefaultTargetUrl(admin.path("/"));

        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher(admin.path("/assets/**"))).permitAll()
                        .requestMatchers(paths.matcher(admin.path("/variables.css"))).permitAll()
                        .requestMatchers(paths.matcher(admin.path("/sba-settings.js"))).permitAll()
                        .requestMatchers(paths.matcher(admin.path("/login"))).permitAll()
                        .requestMatchers(paths.matcher(admin.path("/actuator/health"))).permitAll()
                        .requestMatchers(paths.matcher(admin.path("/actuator/health/**"))).permitAll()
                        .requestMatchers(paths.matcher(admin.path("/actuator/info"))).permitAll()
                        // the UI's event stream and proxied calls continue on async dispatches of authorized requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(admin.path("/login")).successHandler(afterLogin))
                .logout(logout -> logout.logoutUrl(admin.path("/logout")))
                .httpBasic(Customizer.withDefaults())
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(
                                paths.matcher(POST, admin.path("/instances")),
                                paths.matcher(DELETE, admin.path("/instances/*")),
                                paths.matcher(admin.path("/actuator/**"))));
        return http.build();
    }

    /**
     * Loads the request's (deferred) CSRF token, so that the cookie repository writes the {@code XSRF-TOKEN} cookie the
     * admin UI reads on every response, not only after a failed POST.
     */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (csrf != null) {
                csrf.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
