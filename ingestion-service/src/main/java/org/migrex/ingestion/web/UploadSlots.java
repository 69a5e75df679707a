package org.migrex.ingestion.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;

/**
 * Uploads running per user: at most {@code perUser} at once, so one client (or one stolen password) sending slowly
 * cannot hold every upload slot of the node. Taken before any byte of the body is read.
 */
final class UploadSlots {
    private final int perUser;
    private final ConcurrentMap<String, Integer> running = new ConcurrentHashMap<>();

    UploadSlots(int perUser) {
        this.perUser = perUser;
    }

    /** A slot of {@code user}, released by closing it; 429 when the user already runs {@code perUser} uploads. */
    Slot acquire(String user) {
        boolean[] taken = new boolean[1];
        running.compute(user, (u, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < perUser;
            return taken[0] ? now + 1 : now;
        });
        if (!taken[0]) {
            throw new UploadRefusedException(HttpStatus.TOO_MANY_REQUESTS, "user '" + user + "' already runs "
                    + perUser + " uploads, the most one user may run at once"
                    + " (migrex.ingestion.max-concurrent-uploads-per-user); send this one when one of them has ended");
        }
        return () -> running.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
    }

    /** Uploads {@code user} is running now. */
    int running(String user) {
        return running.getOrDefault(user, 0);
    }

    /** A taken slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
