package org.migrex.exchange.follow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.migrex.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background reader that rebuilds an in-memory view from a topic at start and then keeps it current: one daemon
 * thread, restarted after a failure (5 s later) for as long as the service runs, stopped by waking its consumer.
 * Subclasses say how one pass reads ({@link #follow()}) and report when the view has caught up with the topic as it
 * stood at start, which the receiving side's readiness waits for.
 */
public abstract class TopicFollower implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final String name;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<?, ?> consumer;
    private final CountDownLatch stopped = new CountDownLatch(1);

    protected TopicFollower(String name) {
        this.name = name;
    }

    /** One pass: open a consumer, {@link #attach} it, read while {@link #isRunning()}; may throw to be restarted. */
    protected abstract void follow();

    /** True once every record present in the topic at start has been read (the view is complete). */
    public final boolean isCaughtUp() {
        return caughtUp;
    }

    protected final void markCaughtUp() {
        caughtUp = true;
    }

    /** The consumer that {@link #stop()} wakes up; null when the pass is over. */
    protected final void attach(KafkaConsumer<?, ?> current) {
        consumer = current;
    }

    @Override
    public final void start() {
        running = true;
        Thread.ofPlatform().name("migrex-" + name).daemon().start(this::runWithRestarts);
    }

    @Override
    public final void stop() {
        running = false;
        KafkaConsumer<?, ?> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    /** After the node's topics are created. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void runWithRestarts() {
        try {
            while (running) {
                try {
                    follow();
                } catch (WakeupException e) {
                    // stop() was called
                } catch (RuntimeException e) {
                    if (running) {
                        log.error("{}: follower failed, restarting in 5 s: {}", name, e.toString());
                        pause(5_000);
                    }
                } finally {
                    consumer = null;
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Every partition of the topic, waiting (while running) for the topic to exist. */
    protected final List<TopicPartition> waitForPartitions(KafkaConsumer<?, ?> current, String topic) {
        while (running) {
            List<PartitionInfo> infos = current.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                return partitions;
            }
            log.warn("{}: topic {} not found yet, waiting", name, topic);
            pause(2_000);
        }
        return List.of();
    }

    /**
     * Whether a deserialization failure means the registry could not be reached (read the record again later)
     * rather than bytes that will never decode.
     */
    protected static boolean registryUnavailable(Throwable e) {
        return SchemaRegistryException.isTransientCause(e);
    }

    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
