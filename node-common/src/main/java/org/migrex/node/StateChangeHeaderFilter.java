package org.migrex.node;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery guard for HTTP Basic: a browser that is signed in sends its credentials with any form a
 * hostile page submits. A page of another site can only send "simple" requests without a CORS preflight: a
 * {@code POST} (or another method through a form) with no body type, {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data} or {@code text/plain}, and no custom header. So a state-changing request
 * ({@code POST, PUT, PATCH, DELETE}) with one of those types, or none, must carry the header {@value #HEADER} (any
 * value); without it the answer is 403 before authentication. {@code text/csv}, {@code application/json} and other
 * types need a preflight that this node never grants (no CORS), so they pass.
 */
final class StateChangeHeaderFilter extends OncePerRequestFilter {
    /** The header that marks a request as sent by a program, not by a cross-site form. */
    static final String HEADER = "X-Requested-By";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> SIMPLE_TYPES = Set.of("application/x-www-form-urlencoded",
            "multipart/form-data", "text/plain");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (STATE_CHANGING.contains(request.getMethod()) && isSimple(request.getContentType())) {
            String marker = request.getHeader(HEADER);
            if (marker == null || marker.isBlank()) {
                NodeSecurityConfiguration.writeError(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                        request.getMethod() + " with " + (request.getContentType() == null ? "no Content-Type"
                                : "Content-Type " + mediaType(request.getContentType()))
                                + " needs the header " + HEADER + " (any value, e.g. '" + HEADER + ": curl'), which"
                                + " a web page of another site cannot send; or send text/csv or application/json");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static boolean isSimple(String contentType) {
        return contentType == null || contentType.isBlank() || SIMPLE_TYPES.contains(mediaType(contentType));
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
