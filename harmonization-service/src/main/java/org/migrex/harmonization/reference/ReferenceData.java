package org.migrex.harmonization.reference;

import java.util.Map;
import java.util.Optional;

/**
 * Everything the harmonization rules look up, as one immutable, versioned value; replaced as a whole on reload.
 *
 * @param version     recorded in every harmonized event and quarantined record: the built-in version, followed by
 *                    {@code +ext.<first 12 hex digits of the SHA-256 of the extension files>} when an extension folder
 *                    contributes files
 * @param countries   ISO 3166-1 codes and names
 * @param eventTypes  event_type values to template event types
 * @param sex         sex values to CL_SEX
 * @param purpose     purpose values to harmonized purposes
 * @param criteria    national migrant criteria by node (alpha-3)
 */
public record ReferenceData(String version, CountryIndex countries, Vocabulary eventTypes, Vocabulary sex,
                            Vocabulary purpose, Map<String, NationalCriterion> criteria) {

    public ReferenceData {
        criteria = Map.copyOf(criteria);
    }

    /** The national criterion of {@code node}, if that country has one. */
    public Optional<NationalCriterion> criterionOf(String node) {
        return Optional.ofNullable(criteria.get(node));
    }
}
