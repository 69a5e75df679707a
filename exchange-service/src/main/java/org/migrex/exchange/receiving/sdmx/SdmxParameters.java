package org.migrex.exchange.receiving.sdmx;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of SDMX REST v2 data and availability queries other than the key and {@code c[...]} filters,
 * parsed with errors (400, SDMX code 140) that name the parameter, the value and what is accepted.
 */
public final class SdmxParameters {
    /** A form-decoded {@code +hh:mm} offset: {@code +} in a query string is a space once decoded. */
    private static final Pattern DECODED_PLUS_OFFSET = Pattern.compile("(.*T[0-9:.]+) (\\d{2}:?\\d{2})");
    static final String DATE_TIME_FORMAT = "an xs:dateTime such as 2025-04-01T00:00:00Z, 2025-04-01T05:00:00+05:00 "
            + "(percent-encode + as %2B) or 2025-04-01T00:00:00 (then in the service's time zone)";

    private SdmxParameters() {
    }

    /**
     * {@code updatedAfter} (or another xs:dateTime parameter) as an instant. Rule, per SDMX REST v2: an ISO 8601 date
     * and time with an offset ({@code Z}, {@code +05:00}); without an offset, the service's local time
     * ({@code zone}). A space before the offset is read as the {@code +} it was before form decoding (clients such as
     * sdmx-rest4js do not percent-encode it).
     *
     * @return null when the parameter is absent
     */
    public static Instant dateTime(String name, String raw, ZoneId zone) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        var decodedPlus = DECODED_PLUS_OFFSET.matcher(value);
        if (decodedPlus.matches()) {
            value = decodedPlus.group(1) + "+" + decodedPlus.group(2);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw SdmxException.syntax(name + "=" + raw + " is not a date and time; use " + DATE_TIME_FORMAT);
            }
        }
    }

    /** {@code includeHistory}: true or false, default false. */
    public static boolean bool(String name, String raw) {
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw SdmxException.syntax(name + "=" + raw + ": use true or false");
    }

    /** {@code firstNObservations} / {@code lastNObservations}: a positive integer, or null when absent. */
    public static Integer positive(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the accepted form
        }
        throw SdmxException.syntax(name + "=" + raw + ": use a positive integer");
    }

    /**
     * Which components a data message carries, from {@code measures} (all, none, or measure ids; default all) and
     * {@code attributes} (dsd, msd, dataset, series, obs, all, none, or attribute ids; default dsd). OBS_VALUE is
     * carried for all or OBS_VALUE; CONF_STATUS, an observation-level attribute of the DSD, for dsd, obs, all or
     * CONF_STATUS.
     */
    public static SdmxJson.Components components(String measures, String attributes) {
        Set<String> m = list(measures == null ? "all" : measures);
        Set<String> a = list(attributes == null ? "dsd" : attributes);
        boolean measure = m.contains("all") || m.contains("OBS_VALUE");
        boolean confStatus = a.contains("dsd") || a.contains("obs") || a.contains("all")
                || a.contains(org.migrex.exchange.dataflow.Codelists.CONF_STATUS);
        return new SdmxJson.Components(measure, confStatus);
    }

    private static Set<String> list(String raw) {
        return Set.copyOf(Arrays.stream(raw.split(",", -1)).map(String::strip).toList());
    }
}
