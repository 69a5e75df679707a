package org.migrex.exchange.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the receiving side (prefix {@code migrex.inbox}); every one has a default.
 *
 * @param enabled      follow the inbox and the node's aggregates (off only in tests that feed the stores directly)
 * @param groupId      consumer group whose committed offsets mark what was already audited; default {@code migrex-<cc>-inbox}
 * @param pollTimeout  longest wait of one poll
 */
@ConfigurationProperties(prefix = "migrex.inbox")
public record InboxProperties(@DefaultValue("true") boolean enabled,
                              String groupId,
                              @DefaultValue("500ms") Duration pollTimeout) {
}
