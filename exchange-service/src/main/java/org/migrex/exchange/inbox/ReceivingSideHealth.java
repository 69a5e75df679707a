package org.migrex.exchange.inbox;

import org.migrex.exchange.mirror.AggregatesFollower;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the receiving side: UP once the inbox and the node's aggregates have been read up to where they stood
 * at start, so the inbox, mirror and SDMX endpoints answer from complete stores rather than half-loaded ones.
 */
public final class ReceivingSideHealth implements HealthIndicator {
    private final ObjectProvider<InboxFollower> inbox;
    private final ObjectProvider<AggregatesFollower> aggregates;

    public ReceivingSideHealth(ObjectProvider<InboxFollower> inbox, ObjectProvider<AggregatesFollower> aggregates) {
        this.inbox = inbox;
        this.aggregates = aggregates;
    }

    @Override
    public Health health() {
        InboxFollower inboxFollower = inbox.getIfAvailable();
        AggregatesFollower aggregatesFollower = aggregates.getIfAvailable();
        boolean inboxLoaded = inboxFollower == null || inboxFollower.isCaughtUp();
        boolean aggregatesLoaded = aggregatesFollower == null || aggregatesFollower.isCaughtUp();
        return (inboxLoaded && aggregatesLoaded ? Health.up() : Health.down())
                .withDetail("inboxLoaded", inboxLoaded)
                .withDetail("aggregatesLoaded", aggregatesLoaded)
                .build();
    }
}
