package org.migrex.exchange.portal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the portal's signed-in pages reach the node's other services (docs/portal.md, "Signed-in pages").
 *
 * @param ingestionUrl     base URL of this node's ingestion service (upload page), e.g. {@code http://localhost:8110};
 *                         absent: the upload page says it is not configured
 * @param harmonizationUrl base URL of this node's harmonization service (quarantine page), e.g.
 *                         {@code http://localhost:8120}; absent: the quarantine page says it is not configured
 * @param timeout          how long a call to either may take (an upload answers once its rows are committed)
 * @param maxUploadSize    largest file the upload page takes (application.yml passes it to the servlet's multipart
 *                         limits; the file is spooled to disk, then streamed to ingestion, which has its own limit)
 */
@ConfigurationProperties(prefix = "migrex.portal")
public record PortalProperties(URI ingestionUrl, URI harmonizationUrl, @DefaultValue("120s") Duration timeout,
                               @DefaultValue("100MB") DataSize maxUploadSize) {

    public PortalProperties {
        ingestionUrl = base("migrex.portal.ingestion-url", ingestionUrl);
        harmonizationUrl = base("migrex.portal.harmonization-url", harmonizationUrl);
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("migrex.portal.timeout is " + timeout
                    + "; accepted: a duration over 0 and at most 1h, e.g. 120s");
        }
        if (maxUploadSize == null || maxUploadSize.toBytes() <= 0) {
            throw new IllegalArgumentException("migrex.portal.max-upload-size is " + maxUploadSize
                    + "; accepted: a size over 0, e.g. 100MB");
        }
    }

    /**
     * The URL without a trailing slash, or null when not set. Accepted: an absolute {@code http} or {@code https} URL
     * with a host (and a port or a path), no user name or password (the portal forwards the signed-in user's own),
     * no query and no fragment.
     */
    static URI base(String key, URI url) {
        if (url == null || url.toString().isBlank()) {
            return null;
        }
        String accepted = "; accepted: an absolute http(s) URL with a host and no user info, query or fragment,"
                + " e.g. http://localhost:8110";
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(key + " is '" + url + "': the scheme must be http or https" + accepted);
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException(key + " is '" + url + "': it has no host" + accepted);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(key + " has a user name or password in it: remove it (the portal sends"
                    + " the signed-in user's credentials)" + accepted);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(key + " is '" + url + "': it has a query or fragment" + accepted);
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
