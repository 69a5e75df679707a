package org.migrex.ingestion.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The profiles this node knows: the built-in ones ({@code classpath:profiles/*.yml}) and those of an optional folder,
 * where a file with a built-in profile's id replaces it. All are loaded and validated when the catalog is made.
 */
public final class ProfileCatalog {
    private final Map<String, Profile> profiles;

    private ProfileCatalog(Map<String, Profile> profiles) {
        this.profiles = Collections.unmodifiableMap(profiles);
    }

    /** Built-in profiles plus those in {@code extraFolder} (may be null). */
    public static ProfileCatalog load(Path extraFolder) {
        Map<String, Profile> profiles = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:profiles/*.yml")) {
                try (InputStream in = resource.getInputStream()) {
                    Profile profile = ProfileLoader.load("classpath:profiles/" + resource.getFilename(), in);
                    profiles.put(profile.id(), profile);
                }
            }
            if (extraFolder != null) {
                if (!Files.isDirectory(extraFolder)) {
                    throw new InvalidProfileException("migrex.ingestion.profiles-dir: " + extraFolder.toAbsolutePath()
                            + " is not a folder");
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(extraFolder, "*.yml")) {
                    for (Path file : files) {
                        try (InputStream in = Files.newInputStream(file)) {
                            Profile profile = ProfileLoader.load(file.toString(), in);
                            profiles.put(profile.id(), profile);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the profiles: " + e.getMessage(), e);
        }
        return new ProfileCatalog(profiles);
    }

    public Optional<Profile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    /** Profiles by id, sorted. */
    public Map<String, Profile> all() {
        return profiles;
    }
}
