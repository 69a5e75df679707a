package org.migrex.harmonization.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts the live stream in order: first the quarantine view is loaded (retried until the cluster answers), then the
 * raw-records listener container starts. As a {@link HealthIndicator} (in the readiness group) it is DOWN until both
 * are done and while the container is not running.
 */
public class HarmonizationRunner implements SmartLifecycle, HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(HarmonizationRunner.class);

    private final QuarantineViewLoader loader;
    private final QuarantineView view;
    private final MessageListenerContainer container;
    private volatile boolean running;
    private volatile boolean viewLoaded;
    private volatile String lastError;
    private Thread starter;

    public HarmonizationRunner(QuarantineViewLoader loader, QuarantineView view, MessageListenerContainer container) {
        this.loader = loader;
        this.view = view;
        this.container = container;
    }

    @Override
    public synchronized void start() {
        running = true;
        starter = Thread.ofPlatform().name("harmonization-start").daemon().start(() -> {
            while (running && !viewLoaded) {
                try {
                    loader.load(view);
                    viewLoaded = true;
                    lastError = null;
                } catch (RuntimeException e) {
                    lastError = "loading the quarantine view failed: " + e;
                    log.warn("{}; retrying in 5 s", lastError);
                    sleep(5000);
                }
            }
            if (running) {
                try {
                    container.start();
                } catch (RuntimeException e) {
                    lastError = "the raw-records listener did not start: " + e;
                    log.error(lastError, e);
                }
            }
        });
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (starter != null) {
            starter.interrupt();
        }
        if (container.isRunning()) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        if (!viewLoaded) {
            return Health.down().withDetail("reason", lastError == null ? "loading the quarantine view" : lastError)
                    .build();
        }
        if (lastError != null || !container.isRunning() || container.isContainerPaused()) {
            return Health.down().withDetail("reason", lastError != null ? lastError
                    : "raw-records listener is not running").build();
        }
        return Health.up().withDetail("quarantined", view.size()).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
