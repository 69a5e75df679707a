package org.migrex.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalStack} until this JVM gets SIGTERM or Ctrl-C:
 * {@code java -jar migrex-local-stack.jar [--work-dir DIR] [--kafka-port N] [--registry-port N] [--no-kafka] [--no-registry]}.
 * Without {@code --work-dir} the data go to a temporary folder that is deleted at the end.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LocalStack stack;
        try {
            stack = builder.start();
        } catch (LocalStackException e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Migrex local stack is ready; work folder " + stack.workDir());
        try {
            System.out.println("  Kafka bootstrap servers:        " + stack.bootstrapServers());
        } catch (IllegalStateException e) {
            System.out.println("  Kafka:                          not started");
        }
        try {
            System.out.println("  Schema registry (Confluent API): " + stack.registryConfluentUrl());
        } catch (IllegalStateException e) {
            System.out.println("  Schema registry:                not started");
        }
        System.out.println("Stop with Ctrl-C or SIGTERM.");
        // the stack's shutdown hook stops the children when this JVM is asked to exit
        new CountDownLatch(1).await();
    }

    static final String USAGE = "usage: LocalStackMain [--work-dir DIR] [--kafka-port N] [--registry-port N] [--no-kafka] [--no-registry]";

    /** Reads {@code --name value} and {@code --name=value} options into a builder. */
    static LocalStack.Builder parse(String[] args) {
        LocalStack.Builder builder = LocalStack.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--no-kafka" -> builder.withKafka(false);
                case "--no-registry" -> builder.withRegistry(false);
                case "--work-dir", "--kafka-port", "--registry-port" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("Option " + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--work-dir" -> builder.workDir(Path.of(value));
                        case "--kafka-port" -> builder.kafkaPort(port(name, value));
                        default -> builder.registryPort(port(name, value));
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        return builder;
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + option + " needs a port number 0..65535, was '" + value + "'");
        }
    }
}
