package org.migrex.ingestion;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.migrex.ingestion.profile.InvalidProfileException;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileCatalog;

/**
 * The sources agencies upload to: those configured under {@code migrex.ingestion.sources} and {@code template}, which
 * always exists (profile {@code template}, owned by every AGENCY user unless configured otherwise).
 */
public final class Sources {

    /**
     * @param id      source id
     * @param profile the profile that reads its files
     * @param owner   the user allowed to upload, or null for every user with role AGENCY
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
            String owner = source.owner() == null || source.owner().isBlank() ? null : source.owner().strip();
            all.put(id, new Source(id, profile, owner));
        });
        all.computeIfAbsent(IngestionProperties.TEMPLATE_SOURCE, id -> new Source(id, profiles.find("template")
                .orElseThrow(() -> new InvalidProfileException("the built-in profile 'template' is missing")), null));
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
