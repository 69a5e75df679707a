package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The portal's base URLs: typed, checked at start with a message naming the key and what is accepted. */
class PortalPropertiesTest {
    private static PortalProperties with(String ingestion) {
        return new PortalProperties(ingestion == null ? null : URI.create(ingestion), null, Duration.ofSeconds(120),
                DataSize.ofMegabytes(100));
    }

    @Test
    void anHttpUrlIsKeptWithoutItsTrailingSlashAndAbsentMeansNotConfigured() {
        assertThat(with("http://localhost:8110/").ingestionUrl()).isEqualTo(URI.create("http://localhost:8110"));
        assertThat(with("https://ingest.kaz.example/migrex").ingestionUrl())
                .isEqualTo(URI.create("https://ingest.kaz.example/migrex"));
        assertThat(with(null).ingestionUrl()).isNull();
    }

    @Test
    void badUrlsAreRefusedNamingTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> with("ftp://localhost:8110")).hasMessageContaining("migrex.portal.ingestion-url")
                .hasMessageContaining("scheme must be http or https").hasMessageContaining("accepted:");
        assertThatThrownBy(() -> with("http://agency:secret@localhost:8110"))
                .hasMessageContaining("migrex.portal.ingestion-url has a user name or password")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> with("http://localhost:8110/?x=1")).hasMessageContaining("query or fragment");
        assertThatThrownBy(() -> with("localhost:8110")).hasMessageContaining("migrex.portal.ingestion-url");
        assertThatThrownBy(() -> new PortalProperties(null, URI.create("http:///x"), Duration.ofSeconds(1),
                DataSize.ofMegabytes(1))).hasMessageContaining("migrex.portal.harmonization-url");
        assertThatThrownBy(() -> new PortalProperties(null, null, Duration.ZERO, DataSize.ofMegabytes(1)))
                .hasMessageContaining("migrex.portal.timeout");
    }
}
