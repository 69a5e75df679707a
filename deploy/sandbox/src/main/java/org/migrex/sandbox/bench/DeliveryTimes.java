package org.migrex.sandbox.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exchange's delivery attempt timer ({@code migrex_exchange_delivery_duration_seconds}) as scraped from
 * {@code /actuator/prometheus}: cumulative counts per histogram bucket, summed over partners and dataflows, for one
 * outcome. Two scrapes, before and after a phase, give that phase's attempts ({@link #minus}); a percentile is then
 * the upper bound of the bucket it falls in (so "p99 at most X ms", never a made-up interpolation).
 */
record DeliveryTimes(TreeMap<Double, Double> cumulative, double sumSeconds) {
    private static final String METRIC = "migrex_exchange_delivery_duration_seconds";
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The attempts of {@code outcome} ({@code delivered}, {@code refused}, ...) in a Prometheus text exposition. */
    static DeliveryTimes parse(String exposition, String outcome) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        double sum = 0;
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find() || !sample.group(1).startsWith(METRIC)) {
                continue;
            }
            Map<String, String> labels = labels(sample.group(2));
            if (!outcome.equals(labels.get("outcome"))) {
                continue;
            }
            double value = Double.parseDouble(sample.group(3));
            if (sample.group(1).equals(METRIC + "_bucket")) {
                String le = labels.get("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                cumulative.merge(bound, value, Double::sum);
            } else if (sample.group(1).equals(METRIC + "_sum")) {
                sum += value;
            }
        }
        return new DeliveryTimes(cumulative, sum);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new java.util.HashMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }

    /** The attempts of {@code outcome} between two scrapes. */
    static DeliveryTimes between(String before, String after, String outcome) {
        return parse(after, outcome).minus(parse(before, outcome));
    }

    /** The attempts counted here and not in {@code earlier} (bucket by bucket). */
    DeliveryTimes minus(DeliveryTimes earlier) {
        TreeMap<Double, Double> difference = new TreeMap<>();
        cumulative.forEach((bound, count) -> difference.put(bound, count - earlier.cumulative.getOrDefault(bound, 0.0)));
        return new DeliveryTimes(difference, sumSeconds - earlier.sumSeconds);
    }

    /** How many attempts. */
    long count() {
        return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
    }

    /** How many attempts took longer than {@code seconds} (which must be a bucket bound). */
    long over(double seconds) {
        Double within = cumulative.get(seconds);
        if (within == null) {
            throw new IllegalArgumentException(seconds + " s is not a bucket bound of " + METRIC + ": "
                    + cumulative.keySet());
        }
        return count() - Math.round(within);
    }

    /** Mean milliseconds, or -1 with no attempt. */
    double meanMs() {
        return count() == 0 ? -1 : sumSeconds / count() * 1000;
    }

    /** Upper bound in milliseconds of the bucket holding the q-quantile, or -1 with no attempt (infinite above the last bound). */
    double percentileAtMostMs(double q) {
        long n = count();
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
