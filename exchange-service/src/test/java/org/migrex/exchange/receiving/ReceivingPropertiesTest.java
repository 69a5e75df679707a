package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code migrex.exchange.inbox.max-observations}: its default, and a start that fails naming the key. */
class ReceivingPropertiesTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReceivingProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void defaultsTo100000() {
        runner.run(context -> assertThat(context.getBean(ReceivingProperties.class).inbox().maxObservations())
                .isEqualTo(100_000));
    }

    @Test
    void zeroStopsTheStartNamingTheKey() {
        runner.withPropertyValues("migrex.exchange.inbox.max-observations=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("migrex.exchange.inbox")
                    .hasMessageContaining("maxObservations");
        });
    }
}
