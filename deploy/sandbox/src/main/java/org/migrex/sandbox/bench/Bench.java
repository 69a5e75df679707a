package org.migrex.sandbox.bench;

import java.io.PrintStream;
import java.util.List;

/** {@code ./migrex bench}. */
public final class Bench {
    private Bench() {
    }

    public static int run(List<String> args, PrintStream out) {
        throw new UnsupportedOperationException("not yet");
    }
}
