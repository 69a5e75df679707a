package org.migrex.harmonization.reference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loads and validates the reference data: the built-in files of {@code classpath:reference/}, then the files of the
 * same names in an optional extension folder, whose rows are added to the built-in ones and win where both give a
 * value a different code.
 *
 * <p>Files: {@code manifest.properties} (version), {@code countries.csv} (alpha3,alpha2,numeric; generated),
 * {@code country-names.csv} (alpha3,lang,name; generated from CLDR), {@code country-variants.csv} (alpha3,lang,name;
 * by hand), {@code sex.csv}, {@code purpose.csv}, {@code event-types.csv} (value,code) and
 * {@code national-criteria.csv} (node,criterion,months). Every code must belong to its code list, every alpha-3 must
 * be a known country, and a hand-written file must not give one name two countries; otherwise loading fails with the
 * file, line and value.
 */
public final class ReferenceDataLoader {
    /** Files an extension folder may contain. */
    public static final List<String> FILES = List.of("countries.csv", "country-names.csv", "country-variants.csv",
            "sex.csv", "purpose.csv", "event-types.csv", "national-criteria.csv");

    static final Set<String> SEX_CODES = Set.of("M", "F", "_U");
    /** Harmonized purposes of statistical definitions v2 (docs/statistics.md). */
    static final Set<String> PURPOSE_CODES = Set.of("WORK", "FAMILY", "EDUCATION", "HUMANITARIAN", "PRIVATE",
            "BUSINESS", "MEDICAL", "RELIGIOUS", "OTHER", "_U");
    static final Set<String> EVENT_TYPES = Set.of("ENTRY", "EXIT", "STAY_REGISTRATION", "RESIDENCE_REGISTRATION",
            "DEREGISTRATION", "RESIDENCE_PERMIT", "WORK_PERMIT", "CITIZENSHIP_GRANT");
    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern ALPHA2 = Pattern.compile("[A-Z]{2}");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{3}");
    private static final String BUILT_IN = "reference/";

    private final Path extensionDir;

    /** @param extensionDir folder of extension files, or null for the built-in data only */
    public ReferenceDataLoader(Path extensionDir) {
        this.extensionDir = extensionDir;
    }

    /** Reads and validates all files; throws {@link ReferenceDataException} naming what is wrong. */
    public ReferenceData load() {
        Map<String, byte[]> builtIn = new LinkedHashMap<>();
        for (String file : FILES) {
            builtIn.put(file, readBuiltIn(file));
        }
        Map<String, byte[]> extension = readExtension();
        String version = builtInVersion() + extensionSuffix(extension);

        // countries
        Set<String> alpha3 = new HashSet<>();
        Map<String, String> alpha2 = new HashMap<>();
        Map<String, String> numeric = new HashMap<>();
        for (CsvTable table : tables("countries.csv", builtIn, extension)) {
            table.requireHeader("alpha3", "alpha2", "numeric");
            for (CsvTable.Row row : table.rows()) {
                String a3 = require(table, row, 0, ALPHA3, "an upper-case alpha-3 code");
                String a2 = require(table, row, 1, ALPHA2, "an upper-case alpha-2 code");
                alpha3.add(a3);
                alpha2.put(a2, a3);
                if (!row.fields().get(2).isEmpty()) {
                    numeric.put(require(table, row, 2, NUMERIC, "a three-digit numeric code"), a3);
                }
            }
        }

        // generated names: a name given to two countries is left out
        Map<String, Set<String>> generated = new HashMap<>();
        for (CsvTable table : tables("country-names.csv", builtIn, extension)) {
            table.requireHeader("alpha3", "lang", "name");
            for (CsvTable.Row row : table.rows()) {
                String a3 = requireCountry(table, row, alpha3);
                String name = TextNormalizer.normalize(row.fields().get(2));
                if (!name.isEmpty()) {
                    generated.computeIfAbsent(name, n -> new TreeSet<>()).add(a3);
                }
            }
        }
        Map<String, String> names = new HashMap<>();
        Set<String> ambiguous = new TreeSet<>();
        generated.forEach((name, codes) -> {
            if (codes.size() == 1) {
                names.put(name, codes.iterator().next());
            } else {
                ambiguous.add(name);
            }
        });
        // hand-written variants win over generated names; the extension wins over the built-in variants
        for (CsvTable table : tables("country-variants.csv", builtIn, extension)) {
            table.requireHeader("alpha3", "lang", "name");
            Map<String, String> inThisFile = new HashMap<>();
            for (CsvTable.Row row : table.rows()) {
                String a3 = requireCountry(table, row, alpha3);
                String name = TextNormalizer.normalize(row.fields().get(2));
                if (name.isEmpty()) {
                    throw new ReferenceDataException(table.file() + " line " + row.line() + ": empty name");
                }
                String earlier = inThisFile.put(name, a3);
                if (earlier != null && !earlier.equals(a3)) {
                    throw new ReferenceDataException(table.file() + " line " + row.line() + ": name '"
                            + row.fields().get(2) + "' is given to both " + earlier + " and " + a3);
                }
                names.put(name, a3);
                ambiguous.remove(name);
            }
        }
        CountryIndex countries = new CountryIndex(alpha3, alpha2, numeric, names, ambiguous);

        Vocabulary eventTypes = vocabulary("event type", "event-types.csv", EVENT_TYPES, builtIn, extension);
        Vocabulary sex = vocabulary("sex", "sex.csv", SEX_CODES, builtIn, extension);
        Vocabulary purpose = vocabulary("purpose", "purpose.csv", PURPOSE_CODES, builtIn, extension);

        Map<String, NationalCriterion> criteria = new HashMap<>();
        for (CsvTable table : tables("national-criteria.csv", builtIn, extension)) {
            table.requireHeader("node", "criterion", "months");
            for (CsvTable.Row row : table.rows()) {
                String node = requireCountry(table, row, alpha3);
                String months = row.fields().get(2);
                if (!months.matches("[1-9][0-9]?")) {
                    throw new ReferenceDataException(table.file() + " line " + row.line() + ": months '" + months
                            + "' is not a whole number of months from 1 to 99");
                }
                criteria.put(node, new NationalCriterion(node, row.fields().get(1), Integer.parseInt(months)));
            }
        }
        return new ReferenceData(version, countries, eventTypes, sex, purpose, criteria);
    }

    private Vocabulary vocabulary(String name, String file, Set<String> codes, Map<String, byte[]> builtIn,
                                  Map<String, byte[]> extension) {
        Map<String, String> entries = new HashMap<>();
        for (CsvTable table : tables(file, builtIn, extension)) {
            table.requireHeader("value", "code");
            for (CsvTable.Row row : table.rows()) {
                String code = row.fields().get(1);
                if (!codes.contains(code)) {
                    throw new ReferenceDataException(table.file() + " line " + row.line() + ": code '" + code
                            + "' is not one of " + new TreeSet<>(codes));
                }
                String value = TextNormalizer.normalize(row.fields().get(0));
                if (value.isEmpty()) {
                    throw new ReferenceDataException(table.file() + " line " + row.line() + ": empty value");
                }
                entries.put(value, code);
            }
        }
        return new Vocabulary(name, codes, entries);
    }

    private static String require(CsvTable table, CsvTable.Row row, int column, Pattern pattern, String expected) {
        String value = row.fields().get(column);
        if (!pattern.matcher(value).matches()) {
            throw new ReferenceDataException(table.file() + " line " + row.line() + ": " + table.header().get(column)
                    + " '" + value + "' is not " + expected);
        }
        return value;
    }

    private static String requireCountry(CsvTable table, CsvTable.Row row, Set<String> alpha3) {
        String value = row.fields().get(0);
        if (!alpha3.contains(value)) {
            throw new ReferenceDataException(table.file() + " line " + row.line() + ": " + table.header().get(0) + " '"
                    + value + "' is not an alpha-3 code of countries.csv");
        }
        return value;
    }

    private List<CsvTable> tables(String file, Map<String, byte[]> builtIn, Map<String, byte[]> extension) {
        List<CsvTable> tables = new ArrayList<>();
        try {
            tables.add(CsvTable.read(BUILT_IN + file, new ByteArrayInputStream(builtIn.get(file))));
            byte[] ext = extension.get(file);
            if (ext != null) {
                tables.add(CsvTable.read(extensionDir.resolve(file).toString(), new ByteArrayInputStream(ext)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static byte[] readBuiltIn(String file) {
        try (InputStream in = ReferenceDataLoader.class.getClassLoader().getResourceAsStream(BUILT_IN + file)) {
            if (in == null) {
                throw new ReferenceDataException("built-in reference file " + BUILT_IN + file + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ReferenceDataException("cannot read built-in reference file " + BUILT_IN + file, e);
        }
    }

    private Map<String, byte[]> readExtension() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (extensionDir == null) {
            return files;
        }
        if (!Files.isDirectory(extensionDir)) {
            throw new ReferenceDataException("migrex.harmonization.reference-data-dir '" + extensionDir
                    + "' is not a folder");
        }
        for (String file : FILES) {
            Path path = extensionDir.resolve(file);
            if (Files.isRegularFile(path)) {
                try {
                    files.put(file, Files.readAllBytes(path));
                } catch (IOException e) {
                    throw new ReferenceDataException("cannot read reference file " + path, e);
                }
            }
        }
        return files;
    }

    private static String builtInVersion() {
        Properties manifest = new Properties();
        try (InputStream in = new ByteArrayInputStream(readBuiltIn("manifest.properties"))) {
            manifest.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = manifest.getProperty("version", "").strip();
        if (version.isEmpty()) {
            throw new ReferenceDataException(BUILT_IN + "manifest.properties: property 'version' is missing");
        }
        return version;
    }

    private static String extensionSuffix(Map<String, byte[]> extension) {
        if (extension.isEmpty()) {
            return "";
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            extension.forEach((file, bytes) -> {
                digest.update(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
                digest.update((byte) 0);
            });
            return "+ext." + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
