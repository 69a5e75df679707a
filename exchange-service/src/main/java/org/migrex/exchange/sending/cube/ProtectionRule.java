package org.migrex.exchange.sending.cube;

import org.migrex.exchange.sending.agreement.AgreementLoader;

/**
 * What an attacker must not learn about a suppressed cell: the protection rule of an agreement.
 *
 * <p>For a suppressed cell of true value {@code v}, let {@code [lo, hi]} be the attacker's feasible range of whole
 * numbers (from the LP bounds: {@code lo = ceil(min)}, {@code hi = floor(max)}, so that a fractional LP bound does not
 * pass for protection a whole-number attacker would not grant).
 * <ul>
 *   <li>every suppressed cell: {@code lo < hi} (not a single value);</li>
 *   <li>a primary cell ({@code 0 < v < k}) in addition: {@code hi >= v + p·v/100} and
 *       {@code lo <= max(f, v - p·v/100)}, where {@code f} is the cell's <i>presence floor</i>: the number of present
 *       inner cells it sums (1 for an inner cell).</li>
 * </ul>
 * The lower side is capped at the floor because the shape of the table alone tells it: every present cell is at
 * least 1 (absent ones are 0), so a margin over {@code f} present inner cells is at least {@code f}, whatever is
 * suppressed. For an inner cell of {@code v = 1} the lower requirement is met by construction (the upper one,
 * {@code hi >= 2}, still holds it apart), and for a small {@code v} whose {@code v - p·v/100} is below 1 the attacker
 * must not be able to rule out 1. For an inner cell of {@code v = 2} and p = 15 this reads {@code lo <= 1} and
 * {@code hi >= 3}; for {@code v = 4}: {@code lo <= 3}, {@code hi >= 5}; for a margin of 2 over two present cells:
 * {@code lo <= 2}, {@code hi >= 3}.
 *
 * @param protectionPercent p, 0 to 100
 */
public record ProtectionRule(int protectionPercent) {
    /** The default of {@code disclosure.protection-percent}. */
    public static final int DEFAULT_PERCENT = AgreementLoader.DEFAULT_PROTECTION_PERCENT;
    /** Tolerance on the LP's floating-point bounds before they are rounded to whole numbers. */
    static final double EPSILON = 1e-6;

    public ProtectionRule {
        if (protectionPercent < 0 || protectionPercent > 100) {
            throw new IllegalArgumentException("protection percent must be 0 to 100, got " + protectionPercent);
        }
    }

    /** The largest value the attacker's lower bound may have: {@code max(floor, v - p·v/100)}. */
    public double requiredLower(long value, long floor) {
        return Math.max(Math.max(1, floor), value - protectionPercent * value / 100.0);
    }

    /** The smallest value the attacker's upper bound may have: {@code v + p·v/100}. */
    public double requiredUpper(long value) {
        return value + protectionPercent * value / 100.0;
    }

    /** The whole-number lower bound the attacker holds, from an LP minimum. */
    static double wholeLower(double lpMin) {
        return Math.ceil(lpMin - EPSILON);
    }

    /** The whole-number upper bound the attacker holds, from an LP maximum (infinite when unbounded). */
    static double wholeUpper(double lpMax) {
        return Double.isInfinite(lpMax) ? lpMax : Math.floor(lpMax + EPSILON);
    }

    /**
     * Whether the rule is broken on the side a feasible point higher ({@code up}) or lower than the truth could
     * mend: for a primary cell, its upper (lower) requirement is not reached yet (lower also when the range is a
     * single value); for a secondary cell, whenever it is a single value (a point on either side mends it).
     */
    public boolean violatedOnSide(long value, long floor, boolean primary, double min, double max, boolean up) {
        if (!violated(value, floor, primary, min, max)) {
            return false;
        }
        if (!primary) {
            return true;
        }
        double lo = wholeLower(min);
        double hi = wholeUpper(max);
        return up ? hi < requiredUpper(value) - EPSILON : lo > requiredLower(value, floor) + EPSILON || !(lo < hi);
    }

    /**
     * Whether an attacker with LP bounds {@code [min, max]} learns too much about a cell of value {@code v} over
     * {@code floor} present inner cells.
     */
    public boolean violated(long value, long floor, boolean primary, double min, double max) {
        double lo = wholeLower(min);
        double hi = wholeUpper(max);
        if (!(lo < hi)) {
            return true;
        }
        return primary && (hi < requiredUpper(value) - EPSILON || lo > requiredLower(value, floor) + EPSILON);
    }
}
