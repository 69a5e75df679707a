package org.migrex.statistics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.migrex.statistics.Events.event;
import static org.migrex.statistics.Events.imm;

class PermitsAcquisitionsQualityTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "null", textBlock = """
            RESIDENCE_PERMIT,       RESIDENCE_PERMIT
            WORK_PERMIT,            WORK_PERMIT
            RESIDENCE_REGISTRATION, null
            CITIZENSHIP_GRANT,      null
            ENTRY,                  null
            """)
    void permitsAreCountedAsEventsByType(String eventType, PermitType type) {
        var observation = Permits.observationOf(event(eventType, "2025-03-04").setSex("M").setAgeGroup("Y25T29")
                .setPurpose("WORK").setCitizenship("UZB").build());
        if (type == null) {
            assertThat(observation).isEmpty();
        } else {
            assertThat(observation).contains(new Permits.PermitObservation("KAZ", type, "UZB", "M", "Y25T29", "WORK",
                    "2025-03"));
        }
    }

    @Test
    void aPersonGrantedCitizenshipCountsOnceInTheEarliestGrant() {
        Map<String, HarmonizedMigrationEvent> person = new LinkedHashMap<>();
        person.put("b", event("CITIZENSHIP_GRANT", "2025-06-01").setCitizenship("TJK").build());
        person.put("imm", imm("2020-01-01").build());
        person.put("a", event("CITIZENSHIP_GRANT", "2025-05-01").setCitizenship("KGZ").setAgeGroup("Y30T34")
                .build());
        assertThat(Acquisitions.personCell(person))
                .contains(new Acquisitions.AcquisitionObservation("KAZ", "KGZ", "F", "Y30T34", "2025-05"));

        // same day: the smaller record key; the register already shows the new citizenship: previous unknown
        person.put("0", event("CITIZENSHIP_GRANT", "2025-05-01").setCitizenship("KAZ").build());
        assertThat(Acquisitions.personCell(person)).hasValueSatisfying(o -> {
            assertThat(o.previousCitizenship()).isEqualTo("_U");
            assertThat(o.timePeriod()).isEqualTo("2025-05");
        });

        person.clear();
        person.put("imm", imm("2020-01-01").build());
        assertThat(Acquisitions.personCell(person)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "null", textBlock = """
            IN_SCOPE,            REGISTRATIONS
            INTERNAL_OR_UNKNOWN, REGISTRATIONS INTERNAL_OR_UNKNOWN
            TEMPORARY_STAY,      REGISTRATIONS TEMPORARY_STAY
            EXCLUDED_PURPOSE,    REGISTRATIONS EXCLUDED_PURPOSE
            null,                REGISTRATIONS SCOPE_NOT_CLASSIFIED
            """)
    void outOfScopeReasons(MigrationScope scope, String counters) {
        assertThat(Quality.ofEvent(imm("2025-01-01").setScope(scope).build()))
                .isEqualTo(counters(counters));
    }

    @Test
    void eventsWithoutAFlowAreNotRegistrations() {
        assertThat(Quality.ofEvent(event("WORK_PERMIT", "2025-01-01").build())).isEmpty();
        assertThat(Quality.ofEvent(event("ENTRY", "2025-01-01").build())).isEmpty();
        assertThat(Quality.ofEvent(null)).isEmpty();
    }

    @ParameterizedTest(name = "sex {0} age {1} counterpart {2} duration {3}: {4}")
    @CsvSource(textBlock = """
            F,  Y30T34, KGZ, LONG_TERM, COUNTED
            _U, Y30T34, KGZ, LONG_TERM, COUNTED SEX_UNKNOWN
            F,  _U,     KGZ, LONG_TERM, COUNTED AGE_UNKNOWN
            F,  Y30T34, _U,  LONG_TERM, COUNTED COUNTERPART_UNKNOWN
            F,  Y30T34, KGZ, _U,        COUNTED DURATION_UNKNOWN
            _U, _U,     _U,  _U,        COUNTED SEX_UNKNOWN AGE_UNKNOWN COUNTERPART_UNKNOWN DURATION_UNKNOWN
            """)
    void unknownCodesOfCountedRegistrations(String sex, String age, String counterpart, String duration,
                                            String counters) {
        Registration r = Registration.of("a", imm("2025-01-01").setSex(sex).setAgeGroup(age)
                .setCounterpartArea(counterpart).setCitizenship("KGZ").setDurationClass(duration).build());
        assertThat(Quality.ofCounted(r)).isEqualTo(counters(counters));
        assertThat(Quality.ofRenewal(r)).containsExactly(QualityCounter.RENEWAL);
    }

    private static Set<QualityCounter> counters(String names) {
        var set = java.util.EnumSet.noneOf(QualityCounter.class);
        for (String name : names.split(" +")) {
            set.add(QualityCounter.valueOf(name));
        }
        return set;
    }
}
