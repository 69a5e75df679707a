package org.migrex.ingestion;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.migrex.ingestion.profile.InvalidProfileException;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileCatalog;

/**
 * The sources agencies upload to: those configured under {@code migrex.ingestion.sources}, each with its profile and
 * its one owner. There is no source open to every agency: the source id is the first part of every record key
 * {@code <source>|<record_id>}, so whoever may upload to a source may replace or delete its records.
 */
public final class Sources {

    /**
     * @param id      source id
     * @param profile the profile that reads its files
     * @param owner   the one user allowed to upload
     */
    public record Source(String id, Profile profile, String owner) {
    }

    private final Map<String, Source> sources;

    public Sources(Map<String, IngestionProperties.Source> configured, ProfileCatalog profiles) {
        Map<String, Source> all = new TreeMap<>();
        configured.forEach((id, source) -> {
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new InvalidProfileException("migrex.ingestion.sources." + id + ": a source id is 1 to 64 letters,"
                        + " digits, '.', '_' or '-' (it is the first part of every record key <source>|<record_id>)");
            }
            Profile profile = profiles.find(source.profile()).orElseThrow(() -> new InvalidProfileException(
                    "migrex.ingestion.sources." + id + ".profile: no profile '" + source.profile() + "'; known profiles: "
                            + profiles.all().keySet()));
            if (source.owner() == null || source.owner().isBlank()) {
                throw new InvalidProfileException("migrex.ingestion.sources." + id + ".owner is required: the one"
                        + " AGENCY user who may upload to source '" + id + "' (whoever may upload to a source can"
                        + " overwrite its records by re-sending their record_id)");
            }
            all.put(id, new Source(id, profile, source.owner().strip()));
        });
        this.sources = Collections.unmodifiableMap(all);
    }

    public Optional<Source> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** Sources by id, sorted. */
    public Map<String, Source> all() {
        return sources;
    }
}
