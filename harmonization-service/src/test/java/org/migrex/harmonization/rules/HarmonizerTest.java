package org.migrex.harmonization.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Provenance;
import org.migrex.schema.QuarantineReason;
import org.migrex.schema.RawMigrationRecord;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HarmonizerTest {
    private static final ReferenceData REFERENCE = new ReferenceDataLoader(null).load();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static RawMigrationRecord.Builder raw() {
        return RawMigrationRecord.newBuilder()
                .setRecordId("r-1")
                .setEventType("STAY_REGISTRATION")
                .setEventDate("2026-01-15")
                .setPersonPseudonym("9f2c")
                .setSex("Ж")
                .setBirthDate("1990-01-16")
                .setCitizenship("Киргизия")
                .setCountryOfBirth("KG")
                .setCounterpartCountry("Кыргызская Республика")
                .setPurpose("работа")
                .setIntendedDurationDays(273)
                .setRegion("KZ-75")
                .setProvenance(Provenance.newBuilder().setNode("KAZ").setSource("kaz-mvd").setBatchId("b-7")
                        .setLine(12).setProfile("template").setProfileVersion("1").setIngestedAt(NOW).build());
    }

    @Test
    void harmonizesEveryField() {
        var outcome = new Harmonizer("KAZ", CLOCK).harmonize(raw().build(), REFERENCE);

        assertThat(outcome).isInstanceOf(HarmonizationOutcome.Harmonized.class);
        HarmonizedMigrationEvent e = ((HarmonizationOutcome.Harmonized) outcome).event();
        assertThat(e.getRefArea()).isEqualTo("KAZ");
        assertThat(e.getEventType()).isEqualTo("STAY_REGISTRATION");
        assertThat(e.getEventDate()).isEqualTo("2026-01-15");
        assertThat(e.getTimePeriod()).isEqualTo("2026-01");
        assertThat(e.getFlow()).isEqualTo("IMM");
        assertThat(e.getPersonPseudonym()).isEqualTo("9f2c");
        assertThat(e.getSex()).isEqualTo("F");
        assertThat(e.getAgeYears()).isEqualTo(35); // 36th birthday is 2026-01-16, one day after the event
        assertThat(e.getAgeGroup()).isEqualTo("Y35T39");
        assertThat(e.getBirthDate()).isEqualTo("1990-01-16");
        assertThat(e.getCitizenship()).isEqualTo("KGZ");
        assertThat(e.getCountryOfBirth()).isEqualTo("KGZ");
        assertThat(e.getCounterpartArea()).isEqualTo("KGZ");
        assertThat(e.getPurpose()).isEqualTo("WORK");
        assertThat(e.getDurationClass()).isEqualTo("SHORT_TERM");
        assertThat(e.getDurationBasis()).isEqualTo("INTENDED");
        assertThat(e.getScope()).isEqualTo(MigrationScope.IN_SCOPE); // from KGZ, short-term, for work
        assertThat(e.getIntendedDurationDays()).isEqualTo(273);
        assertThat(e.getNationalCriterion()).isNull();
        assertThat(e.getNationalMigrant()).isNull();
        assertThat(e.getRegion()).isEqualTo("KZ-75");
        assertThat(e.getLineage().getSource()).isEqualTo("kaz-mvd");
        assertThat(e.getLineage().getRecordId()).isEqualTo("r-1");
        assertThat(e.getLineage().getBatchId()).isEqualTo("b-7");
        assertThat(e.getLineage().getLine()).isEqualTo(12);
        assertThat(e.getLineage().getProfileVersion()).isEqualTo("1");
        assertThat(e.getLineage().getReferenceDataVersion()).isEqualTo("2026.2");
        assertThat(e.getLineage().getHarmonizedAt()).isEqualTo(NOW);
    }

    @Test
    void russiaKeepsItsNineMonthCriterionBesideTheUnClass() {
        // 2026-01-15 + 273 days = 2026-10-15 = 9 calendar months: a migrant for Rosstat, SHORT_TERM for the UN
        var e = ((HarmonizationOutcome.Harmonized) new Harmonizer("RUS", CLOCK).harmonize(raw().build(), REFERENCE))
                .event();
        assertThat(e.getRefArea()).isEqualTo("RUS");
        assertThat(e.getDurationClass()).isEqualTo("SHORT_TERM");
        assertThat(e.getNationalCriterion()).isEqualTo("RUS_9_MONTHS");
        assertThat(e.getNationalMigrant()).isTrue();

        var shorter = ((HarmonizationOutcome.Harmonized) new Harmonizer("RUS", CLOCK)
                .harmonize(raw().setIntendedDurationDays(272).build(), REFERENCE)).event();
        assertThat(shorter.getNationalMigrant()).isFalse();
    }

    @Test
    void blankOptionalFieldsAreUnknownNotGuessed() {
        var record = raw().setSex(null).setBirthDate(null).setCitizenship(null).setCountryOfBirth(" ")
                .setCounterpartCountry(null).setPurpose(null).setIntendedDurationDays(null).setRegion(null)
                .setEventType("DEREGISTRATION").build();
        var e = ((HarmonizationOutcome.Harmonized) new Harmonizer("KAZ", CLOCK).harmonize(record, REFERENCE)).event();
        assertThat(List.of(e.getSex(), e.getAgeGroup(), e.getCitizenship(), e.getCountryOfBirth(),
                e.getCounterpartArea(), e.getPurpose())).containsOnly("_U");
        assertThat(e.getAgeYears()).isNull();
        assertThat(e.getBirthDate()).isNull();
        assertThat(e.getFlow()).isEqualTo("EMI");
        // neither counterpart nor citizenship says a border was crossed
        assertThat(e.getScope()).isEqualTo(MigrationScope.INTERNAL_OR_UNKNOWN);
        assertThat(e.getDurationClass()).isEqualTo("LONG_TERM");
        assertThat(e.getDurationBasis()).isEqualTo("REGISTRATION");
    }

    @ParameterizedTest(name = "{0}={1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            event_type             | BIRTH        | EVENT_TYPE_UNKNOWN
            event_date             | 2026-02-30   | EVENT_DATE_INVALID
            event_date             | 2026-03-03   | EVENT_DATE_IN_FUTURE
            birth_date             | 1990-13-01   | BIRTH_DATE_INVALID
            sex                    | X            | SEX_UNKNOWN
            citizenship            | Киргизстанн  | COUNTRY_UNKNOWN
            country_of_birth       | Narnia       | COUNTRY_UNKNOWN
            counterpart_country    | 999          | COUNTRY_UNKNOWN
            purpose                | shopping     | PURPOSE_UNKNOWN
            intended_duration_days | -1           | DURATION_INVALID
            """)
    void quarantinesWhatNoRuleCanMap(String field, String value, String rule) {
        var builder = raw();
        switch (field) {
            case "event_type" -> builder.setEventType(value);
            case "event_date" -> builder.setEventDate(value);
            case "birth_date" -> builder.setBirthDate(value);
            case "sex" -> builder.setSex(value);
            case "citizenship" -> builder.setCitizenship(value);
            case "country_of_birth" -> builder.setCountryOfBirth(value);
            case "counterpart_country" -> builder.setCounterpartCountry(value);
            case "purpose" -> builder.setPurpose(value);
            case "intended_duration_days" -> builder.setIntendedDurationDays(Integer.parseInt(value));
            default -> throw new IllegalArgumentException(field);
        }
        var outcome = new Harmonizer("KAZ", CLOCK).harmonize(builder.build(), REFERENCE);

        assertThat(outcome).isInstanceOf(HarmonizationOutcome.Quarantined.class);
        List<QuarantineReason> reasons = ((HarmonizationOutcome.Quarantined) outcome).reasons();
        assertThat(reasons).hasSize(1);
        assertThat(reasons.get(0).getField()).isEqualTo(field);
        assertThat(reasons.get(0).getValue()).isEqualTo(value);
        assertThat(reasons.get(0).getRule()).isEqualTo(rule);
        assertThat(reasons.get(0).getMessage()).isNotBlank();
        assertThat(outcome.referenceDataVersion()).isEqualTo("2026.2");
    }

    @Test
    void everyReasonIsKeptNotOnlyTheFirst() {
        var record = raw().setEventType("BIRTH").setCitizenship("Narnia").setSex("X").setBirthDate("1990-13-01")
                .build();
        var outcome = (HarmonizationOutcome.Quarantined) new Harmonizer("KAZ", CLOCK).harmonize(record, REFERENCE);
        assertThat(outcome.reasons()).extracting(QuarantineReason::getRule)
                .containsExactlyInAnyOrder("EVENT_TYPE_UNKNOWN", "COUNTRY_UNKNOWN", "SEX_UNKNOWN",
                        "BIRTH_DATE_INVALID");
    }

    /* v2: an impossible age is unknown (_U), never a quarantine reason (was AGE_IMPOSSIBLE in v1). Event 2026-01-15. */
    @ParameterizedTest(name = "born {0}: harmonized, age _U")
    @CsvSource(textBlock = """
            2026-01-16
            1905-01-14
            """)
    void impossibleAgeIsUnknownNotQuarantined(String birthDate) {
        var outcome = new Harmonizer("KAZ", CLOCK).harmonize(raw().setBirthDate(birthDate).build(), REFERENCE);
        var e = ((HarmonizationOutcome.Harmonized) outcome).event();
        assertThat(e.getAgeYears()).isNull();
        assertThat(e.getAgeGroup()).isEqualTo("_U");
        assertThat(e.getBirthDate()).isNull();
        assertThat(e.getScope()).isEqualTo(MigrationScope.IN_SCOPE);
    }

    @Test
    void oldestPossibleAgeIs120() {
        // 120th birthday on 2026-01-15, the event date
        var e = ((HarmonizationOutcome.Harmonized) new Harmonizer("KAZ", CLOCK)
                .harmonize(raw().setBirthDate("1906-01-15").build(), REFERENCE)).event();
        assertThat(e.getAgeYears()).isEqualTo(120);
        assertThat(e.getAgeGroup()).isEqualTo("Y_GE85");
    }

    @Test
    void aTouristStaying100DaysIsAVisitNotMigration() {
        // 2026-01-15 + 100 days = 2026-04-25: on or after +3 months (2026-04-15), before +12 months: SHORT_TERM
        var e = ((HarmonizationOutcome.Harmonized) new Harmonizer("KAZ", CLOCK).harmonize(raw()
                .setCitizenship("TUR").setCounterpartCountry("Турция").setPurpose("туризм")
                .setIntendedDurationDays(100).build(), REFERENCE)).event();
        assertThat(e.getPurpose()).isEqualTo("PRIVATE");
        assertThat(e.getDurationClass()).isEqualTo("SHORT_TERM");
        assertThat(e.getFlow()).isEqualTo("IMM");
        assertThat(e.getScope()).isEqualTo(MigrationScope.EXCLUDED_PURPOSE);
    }

    @Test
    void aCitizensInternalMoveIsOutOfScope() {
        var e = ((HarmonizationOutcome.Harmonized) new Harmonizer("KAZ", CLOCK).harmonize(raw()
                .setEventType("RESIDENCE_REGISTRATION").setCitizenship("KZ").setCounterpartCountry("Казахстан")
                .setIntendedDurationDays(null).build(), REFERENCE)).event();
        assertThat(e.getFlow()).isEqualTo("IMM");
        assertThat(e.getDurationClass()).isEqualTo("LONG_TERM");
        assertThat(e.getScope()).isEqualTo(MigrationScope.INTERNAL_OR_UNKNOWN);
    }

    /* The worked example of docs/statistics.md (a KGZ citizen born 1991-07-20, node KAZ), harmonized by hand there. */
    @ParameterizedTest(name = "{0} {1} from {2} for {3}, {4} days: {5} {6} {7}")
    @CsvSource(nullValues = "null", delimiter = '|', textBlock = """
            STAY_REGISTRATION      | 2025-01-31 | KGZ  | работа | 89   | SHORT_TERM | IN_SCOPE            | KGZ
            STAY_REGISTRATION      | 2025-04-28 | null | WORK   | 400  | LONG_TERM  | IN_SCOPE            | _U
            RESIDENCE_REGISTRATION | 2025-09-01 | KAZ  | null   | null | LONG_TERM  | INTERNAL_OR_UNKNOWN | KAZ
            DEREGISTRATION         | 2026-03-10 | RUS  | null   | null | LONG_TERM  | IN_SCOPE            | RUS
            """)
    void workedExample(String eventType, String date, String counterpart, String purpose, Integer days,
                       String durationClass, MigrationScope scope, String counterpartArea) {
        var e = ((HarmonizationOutcome.Harmonized) new Harmonizer("KAZ", Clock.fixed(
                Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).harmonize(raw().setEventType(eventType)
                .setEventDate(date).setCitizenship("Кыргызстан").setBirthDate("1991-07-20")
                .setCounterpartCountry(counterpart).setPurpose(purpose).setIntendedDurationDays(days).build(),
                REFERENCE)).event();
        assertThat(e.getDurationClass()).isEqualTo(durationClass);
        assertThat(e.getScope()).isEqualTo(scope);
        assertThat(e.getCounterpartArea()).isEqualTo(counterpartArea);
        assertThat(e.getAgeGroup()).isEqualTo("Y30T34");
    }

    @Test
    void permitsAreNotFlows() {
        var e = ((HarmonizationOutcome.Harmonized) new Harmonizer("KAZ", CLOCK).harmonize(raw()
                .setEventType("WORK_PERMIT").build(), REFERENCE)).event();
        assertThat(e.getFlow()).isNull();
        assertThat(e.getScope()).isEqualTo(MigrationScope.NOT_A_FLOW);
    }

    @Test
    void personPseudonymNeverAppearsInReasons() {
        var record = raw().setCitizenship("Narnia").build();
        var outcome = (HarmonizationOutcome.Quarantined) new Harmonizer("KAZ", CLOCK).harmonize(record, REFERENCE);
        assertThat(outcome.reasons().get(0).getMessage()).doesNotContain("9f2c");
    }
}
