package org.migrex.harmonization.rules;

import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.reference.Vocabulary;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.QuarantineReason;
import org.migrex.schema.RawMigrationRecord;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies every harmonization rule to one raw record of node {@code refArea}: the record becomes a
 * {@link HarmonizedMigrationEvent}, or, when any value cannot be mapped, it is quarantined with every reason (all
 * fields are checked, not only up to the first failure). Plain Java without Kafka or Spring; thread-safe.
 *
 * <p>Rules: event type by vocabulary; event date ISO {@code yyyy-MM-dd}, not more than one day after today (UTC);
 * TIME_PERIOD its {@code yyyy-MM}; countries to alpha-3 ({@code _U} when blank); sex and purpose by vocabulary
 * ({@code _U} when blank, quarantined when not listed, never guessed); age by {@link AgeRule} (an impossible age is
 * {@code _U}, not a quarantine reason); flow direction by {@link FlowRule}; duration class (calendar months) and
 * national criterion by {@link DurationRule}; scope (international migration or the reason why not) by
 * {@link ScopeRule}. These are statistical definitions v2 (docs/statistics.md).
 */
public final class Harmonizer {
    private static final String UNKNOWN = "_U";

    private final String refArea;
    private final Clock clock;

    public Harmonizer(String refArea, Clock clock) {
        this.refArea = refArea.toUpperCase(Locale.ROOT);
        this.clock = clock;
    }

    /** Harmonizes {@code raw} with the tables of {@code reference}. */
    public HarmonizationOutcome harmonize(RawMigrationRecord raw, ReferenceData reference) {
        List<QuarantineReason> reasons = new ArrayList<>();

        String eventType = reference.eventTypes().code(raw.getEventType()).orElse(null);
        if (eventType == null) {
            reasons.add(reason("event_type", raw.getEventType(), QuarantineRule.EVENT_TYPE_UNKNOWN,
                    "event type is not known; accepted: " + String.join(", ", sorted(reference.eventTypes()))
                            + " or a variant listed in event-types.csv"));
        }

        LocalDate eventDate = parseDate(raw.getEventDate());
        LocalDate today = LocalDate.now(clock);
        if (eventDate == null) {
            reasons.add(reason("event_date", raw.getEventDate(), QuarantineRule.EVENT_DATE_INVALID,
                    "event date is not a date; accepted: yyyy-MM-dd"));
        } else if (eventDate.isAfter(today.plusDays(1))) {
            reasons.add(reason("event_date", raw.getEventDate(), QuarantineRule.EVENT_DATE_IN_FUTURE,
                    "event date is after " + today + "; accepted: a date up to one day ahead"));
            eventDate = null;
        }

        // An impossible age (birth after the event, over 120 years) is unknown, never a reason to quarantine: one
        // wrong birth date must not withhold a registration from the flows (definitions v2; counted in MIGR_QUALITY).
        LocalDate birth = null;
        if (raw.getBirthDate() != null && !raw.getBirthDate().isBlank()) {
            birth = parseDate(raw.getBirthDate());
            if (birth == null) {
                reasons.add(reason("birth_date", raw.getBirthDate(), QuarantineRule.BIRTH_DATE_INVALID,
                        "birth date is not a date; accepted: yyyy-MM-dd or blank"));
            }
        }
        Integer ageYears = birth == null || eventDate == null ? null : AgeRule.ageAt(birth, eventDate);

        String sex = vocabulary(reference.sex(), "sex", raw.getSex(), QuarantineRule.SEX_UNKNOWN, reasons);
        String purpose = vocabulary(reference.purpose(), "purpose", raw.getPurpose(), QuarantineRule.PURPOSE_UNKNOWN,
                reasons);
        String citizenship = country(reference, "citizenship", raw.getCitizenship(), reasons);
        String countryOfBirth = country(reference, "country_of_birth", raw.getCountryOfBirth(), reasons);
        String counterpart = country(reference, "counterpart_country", raw.getCounterpartCountry(), reasons);

        Integer days = raw.getIntendedDurationDays();
        if (days != null && days < 0) {
            reasons.add(reason("intended_duration_days", days.toString(), QuarantineRule.DURATION_INVALID,
                    "declared duration is negative; accepted: 0 or more days, or blank"));
        }

        if (!reasons.isEmpty()) {
            return new HarmonizationOutcome.Quarantined(reasons, reference.version());
        }

        LocalDate date = eventDate;
        DurationRule.Verdict duration = DurationRule.classify(eventType, date, days);
        String flow = FlowRule.flow(eventType);
        var criterion = reference.criterionOf(refArea);
        var provenance = raw.getProvenance();
        HarmonizedMigrationEvent event = HarmonizedMigrationEvent.newBuilder()
                .setRefArea(refArea)
                .setEventType(eventType)
                .setEventDate(date.toString())
                .setTimePeriod(date.toString().substring(0, 7))
                .setFlow(flow)
                .setScope(ScopeRule.scope(refArea, flow, counterpart, citizenship, duration.durationClass(), purpose))
                .setPersonPseudonym(raw.getPersonPseudonym())
                .setSex(sex)
                .setAgeYears(ageYears)
                .setAgeGroup(AgeRule.ageGroup(ageYears))
                .setBirthDate(ageYears == null ? null : birth.toString())
                .setCitizenship(citizenship)
                .setCountryOfBirth(countryOfBirth)
                .setCounterpartArea(counterpart)
                .setPurpose(purpose)
                .setDurationClass(duration.durationClass().code())
                .setDurationBasis(duration.basis().code())
                .setIntendedDurationDays(days)
                .setNationalCriterion(criterion.map(c -> c.id()).orElse(null))
                .setNationalMigrant(criterion.map(c -> DurationRule.nationalMigrant(c, eventType, date, days))
                        .orElse(null))
                .setRegion(raw.getRegion())
                .setLineage(Lineage.newBuilder()
                        .setSource(provenance.getSource())
                        .setRecordId(raw.getRecordId())
                        .setBatchId(provenance.getBatchId())
                        .setLine(provenance.getLine())
                        .setProfileVersion(provenance.getProfileVersion())
                        .setReferenceDataVersion(reference.version())
                        .setHarmonizedAt(clock.instant())
                        .build())
                .build();
        return new HarmonizationOutcome.Harmonized(event);
    }

    private static String vocabulary(Vocabulary vocabulary, String field, String value, QuarantineRule rule,
                                     List<QuarantineReason> reasons) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        return vocabulary.code(value).orElseGet(() -> {
            reasons.add(reason(field, value, rule, vocabulary.name() + " value is not known; accepted: "
                    + String.join(", ", sorted(vocabulary)) + ", blank, or a variant listed in the "
                    + vocabulary.name() + " vocabulary"));
            return null;
        });
    }

    private static String country(ReferenceData reference, String field, String value,
                                  List<QuarantineReason> reasons) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        return reference.countries().toAlpha3(value).orElseGet(() -> {
            reasons.add(reason(field, value, QuarantineRule.COUNTRY_UNKNOWN,
                    "country is not known; accepted: an ISO 3166-1 alpha-2, alpha-3 or numeric code, a name listed in"
                            + " country-names.csv or country-variants.csv, or blank"));
            return null;
        });
    }

    private static List<String> sorted(Vocabulary vocabulary) {
        return vocabulary.codes().stream().sorted().toList();
    }

    private static LocalDate parseDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static QuarantineReason reason(String field, String value, QuarantineRule rule, String message) {
        return QuarantineReason.newBuilder().setField(field).setValue(value).setRule(rule.name())
                .setMessage(message).build();
    }
}
