package org.migrex.localstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link LocalStack} per test JVM, lazily (on the first
 * {@link LocalStack} parameter or {@link #shared()} call), and closes it when the JVM's tests end: it
 * keeps an {@link AutoCloseable} in the root {@link ExtensionContext.Store}, which JUnit closes after
 * the last test. Register it with {@code @ExtendWith(LocalStackExtension.class)}; it resolves
 * {@code LocalStack} parameters of test methods, constructors and lifecycle methods.
 *
 * <p>The shared stack uses free ports and a temporary work folder. System properties
 * {@code migrex.localstack.kafka=false} or {@code migrex.localstack.registry=false} leave one of the two
 * out (for example when the tests use {@code @EmbeddedKafka} for the broker).
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    private static LocalStack shared;

    /** The stack shared by this JVM's tests, started on first use. */
    public static synchronized LocalStack shared() {
        if (shared == null || shared.isClosed()) {
            shared = LocalStack.builder()
                    .withKafka(Boolean.parseBoolean(System.getProperty("migrex.localstack.kafka", "true")))
                    .withRegistry(Boolean.parseBoolean(System.getProperty("migrex.localstack.registry", "true")))
                    .start();
        }
        return shared;
    }

    private static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        registerCloser(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        registerCloser(extensionContext);
        return shared();
    }

    private static void registerCloser(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedStackCloser.class, key -> new SharedStackCloser(), SharedStackCloser.class);
    }

    /** Closes the shared stack when JUnit closes the root context store, that is after the JVM's last test. */
    private static final class SharedStackCloser implements AutoCloseable {
        @Override
        public void close() {
            closeShared();
        }
    }
}
