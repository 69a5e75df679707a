package org.migrex.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.migrex.schema.RawMigrationRecord;

class SchemaRegistryClientTest {

    @Test
    void unreachableRegistryFailsAfterBoundedRetriesNamingUrlAndSubject() throws IOException {
        String url = "http://localhost:" + closedPort() + "/apis/ccompat/v7";
        RegistryClientConfig config = RegistryClientConfig.of(url).withAutoRegister(true)
                .withRetries(3, Duration.ofMillis(50));
        var serializer = new ConfluentAvroSerializer<RawMigrationRecord>(config, false);

        // the guard is against a hang, not a performance figure: three attempts with 50/100 ms backoff
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> serializer.serialize("kaz.raw.records", RegistryTestSupport.rawRecord("x")))
                        .isInstanceOf(SchemaRegistryException.class)
                        .hasMessageContaining(url)
                        .hasMessageContaining("kaz.raw.records-value")
                        .hasMessageContaining("after 3 attempts"));
    }

    @Test
    void missingRegistryUrlNamesTheSetting() {
        var serializer = new ConfluentAvroSerializer<RawMigrationRecord>();
        assertThatThrownBy(() -> serializer.configure(Map.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void readerTypeThatIsNotOnTheClasspathIsNamed() {
        var deserializer = new ConfluentAvroDeserializer<Object>();
        assertThatThrownBy(() -> deserializer.configure(Map.of(RegistryClientConfig.URL, "http://localhost:1",
                ConfluentAvroDeserializer.READER_TYPE, "org.example.Nope"), false))
                .hasMessageContaining("org.example.Nope");
    }

    @Test
    void tooShortPayloadIsNotWireFormat() {
        var deserializer = new ConfluentAvroDeserializer<Object>(RegistryClientConfig.of("http://localhost:1"), null);
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes");
    }

    @Test
    void nullIsATombstoneBothWays() {
        RegistryClientConfig config = RegistryClientConfig.of("http://localhost:1");
        assertThat(new ConfluentAvroSerializer<RawMigrationRecord>(config, false).serialize("t", null)).isNull();
        assertThat(new ConfluentAvroDeserializer<RawMigrationRecord>(config, null).deserialize("t", null)).isNull();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
