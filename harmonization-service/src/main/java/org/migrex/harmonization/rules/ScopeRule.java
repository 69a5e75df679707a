package org.migrex.harmonization.rules;

import org.migrex.schema.MigrationScope;

import java.util.Set;

/**
 * Whether a registration is international migration (statistical definitions v2), or the first reason why not.
 *
 * <p>For an event with a FLOW (IMM or EMI), with {@code U = "_U"} and {@code R} = REF_AREA, the tests in order:
 * <ol>
 *   <li><b>international</b>: {@code counterpart != U && counterpart != R}, or {@code counterpart == U && citizenship
 *       != U && citizenship != R}; otherwise {@link MigrationScope#INTERNAL_OR_UNKNOWN} (a citizen's move inside the
 *       country, or nothing that shows the border was crossed);</li>
 *   <li><b>not temporary</b>: {@code durationClass != TEMPORARY}; otherwise {@link MigrationScope#TEMPORARY_STAY} (under
 *       3 months is mobility: UN 2021 framework);</li>
 *   <li><b>not an excluded purpose</b>: not ({@code durationClass == SHORT_TERM} and {@code purpose} in PRIVATE,
 *       BUSINESS, MEDICAL, RELIGIOUS); otherwise {@link MigrationScope#EXCLUDED_PURPOSE} (UN Rev.1 1998 excludes
 *       short-term visits for recreation, holiday, visits to friends and relatives, business, medical treatment and
 *       religious pilgrimage from short-term migration);</li>
 * </ol>
 * then {@link MigrationScope#IN_SCOPE}. An event without a FLOW (entry, exit, permit, citizenship grant) is
 * {@link MigrationScope#NOT_A_FLOW}: crossings are mobility, and permits and grants feed their own dataflows. A
 * {@code _U} duration (a stay registration without declared days) is in scope: it is counted under DURATION {@code _U}
 * rather than guessed away.
 */
public final class ScopeRule {
    private static final String UNKNOWN = "_U";
    /** Purposes that make a short-term stay a visit rather than migration (UN Rev.1, 1998). */
    static final Set<String> EXCLUDED_SHORT_TERM_PURPOSES = Set.of("PRIVATE", "BUSINESS", "MEDICAL", "RELIGIOUS");

    private ScopeRule() {
    }

    /**
     * The scope of an event of node {@code refArea} with {@code flow} (IMM, EMI or null) and harmonized codes
     * {@code counterpart}, {@code citizenship} (alpha-3 or {@code _U}), {@code durationClass} and {@code purpose}.
     */
    public static MigrationScope scope(String refArea, String flow, String counterpart, String citizenship,
                                       DurationClass durationClass, String purpose) {
        if (flow == null) {
            return MigrationScope.NOT_A_FLOW;
        }
        boolean international = UNKNOWN.equals(counterpart)
                ? !UNKNOWN.equals(citizenship) && !refArea.equals(citizenship)
                : !refArea.equals(counterpart);
        if (!international) {
            return MigrationScope.INTERNAL_OR_UNKNOWN;
        }
        if (durationClass == DurationClass.TEMPORARY) {
            return MigrationScope.TEMPORARY_STAY;
        }
        if (durationClass == DurationClass.SHORT_TERM && EXCLUDED_SHORT_TERM_PURPOSES.contains(purpose)) {
            return MigrationScope.EXCLUDED_PURPOSE;
        }
        return MigrationScope.IN_SCOPE;
    }
}
