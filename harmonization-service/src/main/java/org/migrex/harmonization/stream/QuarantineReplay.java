package org.migrex.harmonization.stream;

import org.apache.kafka.streams.processor.TaskId;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands a replay request from the REST endpoint to the stream tasks and collects what they did. It holds no records
 * and writes nothing: each task replays its own part of the quarantine store inside its own Kafka Streams
 * transactions ({@link HarmonizationProcessor}), so the replay needs no lock against the live stream (they run on the
 * same thread, one after the other) and nothing to undo (an aborted transaction rolls back the store with the topics).
 *
 * <p>One replay at a time. A request covers the tasks running when it was made; a task that is closed meanwhile
 * (rebalance, shutdown) stops counting for it, and its new owner finishes that task's part from the cursor kept in
 * the replay store, unreported.
 */
public class QuarantineReplay {
    private final Set<TaskId> tasks = ConcurrentHashMap.newKeySet();
    private volatile Request current;

    /** What a replay did. {@code superseded} is always 0 since replay runs inside the stream (kept for the API). */
    public record ReplayResult(int replayed, int harmonized, int stillQuarantined, int superseded,
                               String referenceDataVersion) {
    }

    /** The outcome of {@link #replay}: finished, or still running in the stream when the wait ended. */
    public record Answer(ReplayResult result, boolean complete) {
    }

    /** A task of the stream that holds a part of the quarantine store. */
    void register(TaskId task) {
        tasks.add(task);
    }

    void unregister(TaskId task) {
        tasks.remove(task);
        Request request = current;
        if (request != null) {
            request.done(task);
        }
    }

    /** The running tasks (for health and for refusing a replay when the stream is down). */
    public Set<TaskId> tasks() {
        return Set.copyOf(tasks);
    }

    /**
     * Asks every running task to replay its quarantine with the reference data now in use and waits at most
     * {@code timeout} for them; a replay not finished by then goes on inside the stream.
     *
     * @throws IllegalStateException when no stream task is running (the stream is starting, rebalancing or down)
     */
    public synchronized Answer replay(String referenceDataVersion, Duration timeout) throws InterruptedException {
        Set<TaskId> running = Set.copyOf(tasks);
        if (running.isEmpty()) {
            throw new IllegalStateException("the harmonization stream has no running task (starting, rebalancing or "
                    + "stopped): replay needs it; see /actuator/health/readiness");
        }
        Request request = new Request(UUID.randomUUID().toString(), referenceDataVersion, running);
        current = request;
        try {
            request.finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(request.result(), true);
        } catch (TimeoutException e) {
            return new Answer(request.result(), false);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            current = null;
        }
    }

    /** Whether a replay request is being waited for. */
    public boolean isReplaying() {
        return current != null;
    }

    /** The request {@code task} has still to start, if any. */
    Optional<Request> pendingFor(TaskId task) {
        Request request = current;
        return request != null && request.waitingToStart.remove(task) ? Optional.of(request) : Optional.empty();
    }

    /** The request with this id if it is still being waited for (a replay resumed after a restart has none). */
    Optional<Request> byId(String id) {
        Request request = current;
        return request != null && request.id.equals(id) ? Optional.of(request) : Optional.empty();
    }

    /** One replay request and its tally over the tasks. */
    static final class Request {
        final String id;
        final String referenceDataVersion;
        private final Set<TaskId> waitingToStart;
        private final Set<TaskId> unfinished;
        private final AtomicInteger harmonized = new AtomicInteger();
        private final AtomicInteger stillQuarantined = new AtomicInteger();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();

        Request(String id, String referenceDataVersion, Set<TaskId> tasks) {
            this.id = id;
            this.referenceDataVersion = referenceDataVersion;
            this.waitingToStart = ConcurrentHashMap.newKeySet();
            this.waitingToStart.addAll(tasks);
            this.unfinished = ConcurrentHashMap.newKeySet();
            this.unfinished.addAll(tasks);
        }

        void counted(int harmonizedNow, int stillNow) {
            harmonized.addAndGet(harmonizedNow);
            stillQuarantined.addAndGet(stillNow);
        }

        void done(TaskId task) {
            waitingToStart.remove(task);
            unfinished.remove(task);
            if (unfinished.isEmpty()) {
                finished.complete(null);
            }
        }

        ReplayResult result() {
            int h = harmonized.get();
            int s = stillQuarantined.get();
            return new ReplayResult(h + s, h, s, 0, referenceDataVersion);
        }
    }
}
