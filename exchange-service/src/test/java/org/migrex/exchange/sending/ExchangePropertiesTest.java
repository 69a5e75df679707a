package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code migrex.exchange.stock.*}: the defaults, a zone, and starts that fail naming the key. */
class ExchangePropertiesTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ExchangeProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class)
            .withPropertyValues("migrex.exchange.agreements-dir=/tmp/agreements",
                    "migrex.exchange.signing.key-id=KAZ-TEST-1",
                    "migrex.exchange.signing.private-key=/tmp/kaz.key",
                    "migrex.exchange.signing.public-key=/tmp/kaz.pub");

    @Test
    void theStockIsCountedUpToTheCurrentMonthInUtcCheckedEveryMinuteByDefault() {
        runner.run(context -> {
            ExchangeProperties.Stock stock = context.getBean(ExchangeProperties.class).stock();
            assertThat(stock.zone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(stock.checkInterval()).isEqualTo(Duration.ofMinutes(1));
        });
    }

    @Test
    void theNodesZoneIsTaken() {
        runner.withPropertyValues("migrex.exchange.stock.zone=Asia/Almaty", "migrex.exchange.stock.check-interval=PT5M")
                .run(context -> {
                    ExchangeProperties.Stock stock = context.getBean(ExchangeProperties.class).stock();
                    assertThat(stock.zone()).isEqualTo(ZoneId.of("Asia/Almaty"));
                    assertThat(stock.checkInterval()).isEqualTo(Duration.ofMinutes(5));
                });
    }

    @Test
    void anUnknownZoneStopsTheStartNamingTheKey() {
        runner.withPropertyValues("migrex.exchange.stock.zone=Asia/Atlantis").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("migrex.exchange.stock.zone")
                    .hasStackTraceContaining("Asia/Atlantis");
        });
    }

    @Test
    void aCheckIntervalOfZeroStopsTheStartNamingTheKey() {
        runner.withPropertyValues("migrex.exchange.stock.check-interval=PT0S").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("migrex.exchange.stock.check-interval must be positive, got PT0S");
        });
    }
}
