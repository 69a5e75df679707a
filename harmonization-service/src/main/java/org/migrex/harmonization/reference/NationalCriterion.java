package org.migrex.harmonization.reference;

/**
 * A country's own definition of a migrant, kept beside the UN duration class.
 *
 * @param node      ISO alpha-3 of the node whose statistics use it
 * @param id        id recorded in harmonized events ({@code RUS_9_MONTHS})
 * @param months    a declared stay of at least this many calendar months counts as migration
 */
public record NationalCriterion(String node, String id, int months) {
}
