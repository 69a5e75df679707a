package org.migrex.node;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Under profile {@code prod} behind a TLS-terminating proxy ({@code migrex.security.trusted-proxies}): a request that
 * did not come over HTTPS (Tomcat's remote-IP valve sets it secure only for {@code X-Forwarded-Proto: https} from a
 * trusted proxy) is refused with 403 before its credentials are read. Health stays reachable for probes.
 */
final class HttpsOnlyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!request.isSecure() && !path.equals("/actuator/health") && !path.startsWith("/actuator/health/")) {
            NodeSecurityConfiguration.writeError(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "this node serves HTTPS only (profile prod): send the request over HTTPS through the proxy"
                            + " (migrex.security.trusted-proxies); credentials sent over plain HTTP may have been read"
                            + " on the way");
            return;
        }
        chain.doFilter(request, response);
    }
}
