package org.migrex.harmonization.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrex.schema.MigrationScope;

import static org.assertj.core.api.Assertions.assertThat;

/** Node KAZ; every expected scope is read off the definition (ScopeRule's Javadoc, docs/statistics.md). */
class ScopeRuleTest {

    @ParameterizedTest(name = "[{index}] {0} counterpart {1} citizenship {2} {3} {4}: {5}")
    @CsvSource(nullValues = "null", textBlock = """
            # from abroad, long-term work: migration
            IMM,  KGZ, KGZ, LONG_TERM,  WORK,      IN_SCOPE
            # a citizen returning from abroad
            IMM,  RUS, KAZ, LONG_TERM,  FAMILY,    IN_SCOPE
            EMI,  RUS, KAZ, LONG_TERM,  _U,        IN_SCOPE
            # a citizen's internal move: counterpart is the node itself
            IMM,  KAZ, KAZ, LONG_TERM,  WORK,      INTERNAL_OR_UNKNOWN
            # a foreigner's move inside the country is not international either
            IMM,  KAZ, UZB, LONG_TERM,  WORK,      INTERNAL_OR_UNKNOWN
            # counterpart unknown: a foreign citizen counts (counterpart _U), a citizen or an unknown one does not
            IMM,  _U,  UZB, LONG_TERM,  WORK,      IN_SCOPE
            IMM,  _U,  KAZ, LONG_TERM,  WORK,      INTERNAL_OR_UNKNOWN
            IMM,  _U,  _U,  LONG_TERM,  WORK,      INTERNAL_OR_UNKNOWN
            EMI,  _U,  _U,  LONG_TERM,  _U,        INTERNAL_OR_UNKNOWN
            # counterpart known and foreign: citizenship does not matter, even unknown
            EMI,  KGZ, _U,  LONG_TERM,  _U,        IN_SCOPE
            # under 3 months is mobility
            IMM,  KGZ, KGZ, TEMPORARY,  WORK,      TEMPORARY_STAY
            # internal comes first: an internal temporary stay is INTERNAL_OR_UNKNOWN
            IMM,  KAZ, KAZ, TEMPORARY,  PRIVATE,   INTERNAL_OR_UNKNOWN
            # a tourist staying 100 days (SHORT_TERM, PRIVATE): a visit, not migration
            IMM,  TUR, TUR, SHORT_TERM, PRIVATE,   EXCLUDED_PURPOSE
            IMM,  TUR, TUR, SHORT_TERM, BUSINESS,  EXCLUDED_PURPOSE
            IMM,  TUR, TUR, SHORT_TERM, MEDICAL,   EXCLUDED_PURPOSE
            IMM,  SAU, SAU, SHORT_TERM, RELIGIOUS, EXCLUDED_PURPOSE
            # temporary before purpose: a 30-day tourist is TEMPORARY_STAY
            IMM,  TUR, TUR, TEMPORARY,  PRIVATE,   TEMPORARY_STAY
            # short-term for work, study, family, other or unknown purpose is migration
            IMM,  KGZ, KGZ, SHORT_TERM, WORK,      IN_SCOPE
            IMM,  KGZ, KGZ, SHORT_TERM, EDUCATION, IN_SCOPE
            IMM,  KGZ, KGZ, SHORT_TERM, OTHER,     IN_SCOPE
            IMM,  KGZ, KGZ, SHORT_TERM, _U,        IN_SCOPE
            # the exclusion is for short-term stays only: a long-term private stay is migration
            IMM,  TUR, TUR, LONG_TERM,  PRIVATE,   IN_SCOPE
            # a stay registration without declared days (duration _U) counts, under DURATION _U
            IMM,  KGZ, KGZ, UNKNOWN,    PRIVATE,   IN_SCOPE
            # no flow: crossings, permits, grants
            null, KGZ, KGZ, UNKNOWN,    WORK,      NOT_A_FLOW
            """)
    void internationalMigrationOrTheFirstReasonWhyNot(String flow, String counterpart, String citizenship,
                                                      DurationClass duration, String purpose, MigrationScope scope) {
        assertThat(ScopeRule.scope("KAZ", flow, counterpart, citizenship, duration, purpose)).isEqualTo(scope);
    }
}
