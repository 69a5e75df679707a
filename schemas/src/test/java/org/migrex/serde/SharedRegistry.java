package org.migrex.serde;

import org.migrex.localstack.LocalStack;

/** One real registry for all integration tests of this module's test JVM (closed by LocalStack's shutdown hook). */
final class SharedRegistry {
    private static LocalStack stack;

    private SharedRegistry() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.builder().withKafka(false).start();
        }
        return stack;
    }
}
