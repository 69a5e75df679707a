package org.migrex.exchange.streams;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka Streams settings shared by every function of the exchange service (prefix {@code migrex.exchange}); the
 * sending and receiving sides have their own properties besides.
 *
 * @param commitInterval Kafka Streams commit interval; with exactly-once it bounds the latency of every output
 * @param stateDir Kafka Streams state folder (each function in its own application-id subfolder); empty:
 *     {@code <java.io.tmpdir>/migrex-<cc>-exchange}
 * @param streams further Kafka Streams settings by their Kafka names (e.g. {@code statestore.cache.max.bytes},
 *     {@code producer.linger.ms}), applied to every function after Migrex's own, except the application id and the
 *     processing guarantee, which stay as they are
 */
@ConfigurationProperties("migrex.exchange")
@Validated
public record ExchangeStreamsProperties(
        @DefaultValue("PT0.2S") @NotNull Duration commitInterval,
        Path stateDir,
        @DefaultValue Map<String, String> streams) {
}
