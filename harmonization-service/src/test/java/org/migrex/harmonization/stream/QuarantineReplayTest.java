package org.migrex.harmonization.stream;

import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuarantineReplayTest {

    @Test
    void refusedWhenNoStreamTaskRuns() {
        QuarantineReplay replay = new QuarantineReplay();

        assertThatThrownBy(() -> replay.replay("2026.2", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no running task");
    }

    @Test
    void answersIncompleteWithTheCountsSoFarWhenATaskIsNotDoneInTime() throws Exception {
        QuarantineReplay replay = new QuarantineReplay();
        TaskId a = new TaskId(0, 0);
        TaskId b = new TaskId(0, 1);
        replay.register(a);
        replay.register(b);

        CompletableFuture<QuarantineReplay.Answer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return replay.replay("2026.2+ext.x", Duration.ofMillis(500));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        QuarantineReplay.Request request = awaitPending(replay, a);
        request.counted(3, 2);
        request.done(a); // task b never starts

        QuarantineReplay.Answer result = answer.get();
        assertThat(result.complete()).isFalse();
        assertThat(result.result()).isEqualTo(new QuarantineReplay.ReplayResult(5, 3, 2, 0, "2026.2+ext.x"));
        assertThat(replay.isReplaying()).isFalse();
    }

    @Test
    void aTaskClosedMidReplayNoLongerHoldsTheAnswer() throws Exception {
        QuarantineReplay replay = new QuarantineReplay();
        TaskId a = new TaskId(0, 0);
        TaskId b = new TaskId(0, 1);
        replay.register(a);
        replay.register(b);

        CompletableFuture<QuarantineReplay.Answer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return replay.replay("2026.2", Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        QuarantineReplay.Request request = awaitPending(replay, a);
        request.counted(1, 0);
        request.done(a);
        replay.unregister(b); // rebalanced away: its new owner finishes from the stored cursor, unreported

        assertThat(answer.get().complete()).isTrue();
        assertThat(answer.get().result().harmonized()).isEqualTo(1);
        assertThat(replay.tasks()).containsExactly(a);
    }

    /** The request as task {@code task} takes it at its next punctuation (polled: a barrier, not a sleep). */
    static QuarantineReplay.Request awaitPending(QuarantineReplay replay, TaskId task) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var pending = replay.pendingFor(task);
            if (pending.isPresent()) {
                assertThat(replay.pendingFor(task)).as("taken once").isEmpty();
                return pending.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no replay request for " + task);
    }
}
