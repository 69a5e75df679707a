package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extension hands the same, running stack to constructors, lifecycle and test methods and to
 * {@link LocalStackExtension#shared()}. The failsafe configuration of this module sets
 * {@code migrex.localstack.registry=false}, so this shared stack is a broker only (and proves that switch).
 */
@ExtendWith(LocalStackExtension.class)
class LocalStackExtensionIT {

    private static LocalStack fromBeforeAll;
    private final LocalStack fromConstructor;

    LocalStackExtensionIT(LocalStack stack) {
        this.fromConstructor = stack;
    }

    @BeforeAll
    static void remember(LocalStack stack) {
        fromBeforeAll = stack;
    }

    @Test
    void resolvesOneRunningStackEverywhere(LocalStack stack) {
        assertThat(stack).isSameAs(fromConstructor).isSameAs(fromBeforeAll).isSameAs(LocalStackExtension.shared());
        assertThat(stack.isClosed()).isFalse();
        String bootstrap = stack.bootstrapServers();
        assertThat(FreePorts.isListening(Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1)))).isTrue();
        assertThat(stack.processes()).hasSize(1).allMatch(ProcessHandle::isAlive);
    }

    @Test
    void registryCanBeLeftOutBySystemProperty(LocalStack stack) {
        assertThat(System.getProperty("migrex.localstack.registry")).isEqualTo("false");
        org.assertj.core.api.Assertions.assertThatThrownBy(stack::registryConfluentUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withRegistry(false)");
    }
}
