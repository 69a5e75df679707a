package org.migrex.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resident memory of a process, read from Linux's {@code /proc/<pid>/status}. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak resident set size ({@code VmHWM}) in MiB. */
    public static Optional<Long> peakRssMb(long pid) {
        return field(pid, "VmHWM:");
    }

    /** Current resident set size ({@code VmRSS}) in MiB. */
    public static Optional<Long> rssMb(long pid) {
        return field(pid, "VmRSS:");
    }

    private static Optional<Long> field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Optional.of(Long.parseLong(parts[0]) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone: the figure is unknown, not an error
        }
        return Optional.empty();
    }
}
