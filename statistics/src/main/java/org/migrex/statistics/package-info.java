/**
 * The person-level rules of Migrex's statistical definitions v2 (docs/statistics.md), as plain Java that the exchange
 * streams call and unit tests exercise without Kafka or Spring.
 *
 * <ul>
 *   <li>{@link org.migrex.statistics.PersonHistory}: which of one person's registrations count in MIGR_FLOW
 *       (persons, not registrations: renewals and repeats within 12 months do not count), incrementally, as a change
 *       of counted registrations per applied record;</li>
 *   <li>{@link org.migrex.statistics.Stock}: whether, and with which attributes, a person is in MIGR_STOCK on the first
 *       day of a month;</li>
 *   <li>{@link org.migrex.statistics.Permits} (MIGR_PERMITS, events) and {@link org.migrex.statistics.Acquisitions}
 *       (MIGR_ACQ, persons);</li>
 *   <li>{@link org.migrex.statistics.Quality}: the MIGR_QUALITY counters an event feeds.</li>
 * </ul>
 * The inputs are {@link org.migrex.schema.HarmonizedMigrationEvent}s as the harmonizer wrote them: the scope, the
 * duration class and the age group are read, never re-derived.
 */
package org.migrex.statistics;
