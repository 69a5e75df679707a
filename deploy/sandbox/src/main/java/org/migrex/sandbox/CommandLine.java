package org.migrex.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Options of a subcommand: {@code --name value}, {@code --name=value} or a bare {@code --flag}. */
public final class CommandLine {
    private final Map<String, String> options = new LinkedHashMap<>();

    private CommandLine() {
    }

    /** Parses {@code args}; refuses options not in {@code valued} or {@code flags}, naming the accepted ones. */
    public static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags) {
        CommandLine line = new CommandLine();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                line.options.put(name, value == null ? "true" : value);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException("option --" + name + " needs a value");
                    }
                    value = rest.removeFirst();
                }
                line.options.put(name, value);
            } else {
                List<String> known = new ArrayList<>();
                valued.forEach(v -> known.add("--" + v + " <value>"));
                flags.forEach(f -> known.add("--" + f));
                throw new IllegalArgumentException("unknown option --" + name + "; accepted: " + String.join(", ", known));
            }
        }
        return line;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    public long longValue(String name, long defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " takes a whole number, not '" + v + "'");
        }
    }
}
