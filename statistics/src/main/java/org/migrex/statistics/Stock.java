package org.migrex.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * MIGR_STOCK: whether a person is a long-term international migrant resident on the first day {@code t} of a month,
 * and in which cell (statistical definitions v2).
 *
 * <p>With {@code m} the person's latest <i>counted</i> IMM dated before {@code t} (latest by {@code (date,
 * recordKey)}, {@code m.date < t}), the person is in the stock on {@code t} when
 * <pre>
 *   m exists and m.durationClass == LONG_TERM
 *   and there is no counted EMI x with m.date &le; x.date &lt; t
 *   and (m.intendedDurationDays == null or m.date + m.intendedDurationDays &gt; t)
 * </pre>
 * The stock is taken at the start of day {@code t}: an event dated {@code t} has not happened yet. An emigration on
 * the day of {@code m} ends the stay, as it interrupts a chain of renewals in {@link PersonHistory}. A declared stay
 * that ends on {@code t} is over on {@code t}.
 *
 * <p>The cell takes {@code m}'s citizenship, country of birth and sex, and the age group on {@code t} from {@code m}'s
 * birth date. Renewals do not count, so a person whose counted IMM was SHORT_TERM and whose later renewal declared a
 * long-term stay is not in the stock: the definition reads the latest counted IMM.
 */
public final class Stock {

    /** The cell a person is counted in on a stock date. */
    public record StockMember(String refArea, String citizenship, String countryOfBirth, String sex, String ageGroup) {
    }

    /**
     * A MIGR_STOCK observation: a person counted in {@code member}'s cell on the first day of {@code month}.
     * TIME_PERIOD is that month ({@code yyyy-MM}): the stock of {@code 2026-04} is the one on 1 April 2026.
     */
    public record StockObservation(StockMember member, YearMonth month) {
        /** TIME_PERIOD, {@code yyyy-MM}. */
        public String timePeriod() {
            return month.toString();
        }
    }

    /**
     * A person's move in the stock of one month: subtract {@code before}'s cell (if present), add {@code after}'s (if
     * present).
     */
    public record StockMove(YearMonth month, Optional<StockMember> before, Optional<StockMember> after) {
    }

    private Stock() {
    }

    /**
     * The first month whose stock a change can alter: the month after the earliest date {@code D} of a registration
     * that started or stopped counting. The stock on {@code t} reads only counted registrations dated before
     * {@code t}, so every {@code t <= D} is unchanged and the first possible one is the first of the month after
     * {@code D}'s. Empty when no counted registration changed (renewals never enter the stock).
     */
    public static Optional<YearMonth> firstAffectedMonth(PersonHistory.Change change) {
        return Stream.concat(change.countedAdded().stream(), change.countedRemoved().stream())
                .map(Registration::date)
                .min(LocalDate::compareTo)
                .map(d -> YearMonth.from(d).plusMonths(1));
    }

    /**
     * The moves of a person in the stock of the months {@code from} to {@code to} (inclusive) when the history goes
     * from {@code before} to {@code after}: one per month whose cell differs.
     */
    public static List<StockMove> moves(PersonHistory before, PersonHistory after, YearMonth from, YearMonth to) {
        List<Registration> countedBefore = before.counted();
        List<Registration> countedAfter = after.counted();
        List<StockMove> moves = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            Optional<StockMember> was = memberOn(countedBefore, month.atDay(1));
            Optional<StockMember> is = memberOn(countedAfter, month.atDay(1));
            if (!was.equals(is)) {
                moves.add(new StockMove(month, was, is));
            }
        }
        return moves;
    }

    /**
     * Whether the person can be in the stock of a month after {@code horizon}, so that a month that starts later
     * must look at the person again. Past the person's last registration the membership can only end (the latest IMM
     * and the EMIs before {@code t} stay the same, a declared stay runs out), so the months from
     * {@code horizon + 1} to the month after the last registration are all that need checking; usually that is the
     * one month {@code horizon + 1}.
     */
    public static boolean canCountAfter(PersonHistory history, YearMonth horizon) {
        List<Registration> counted = history.counted();
        if (counted.isEmpty()) {
            return false;
        }
        YearMonth last = YearMonth.from(counted.getLast().date()).plusMonths(1);
        for (YearMonth month = horizon.plusMonths(1); !month.isAfter(last) || month.equals(horizon.plusMonths(1));
                month = month.plusMonths(1)) {
            if (memberOn(counted, month.atDay(1)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** {@link #memberOn(List, LocalDate)} on the first day of {@code month}. */
    public static Optional<StockMember> memberOn(PersonHistory history, YearMonth month) {
        return memberOn(history.counted(), month.atDay(1));
    }

    /**
     * The stock cell of a person with {@code counted} registrations (as {@link PersonHistory#counted()}) on {@code t},
     * the first day of a month, or empty when the person is not in the stock then.
     */
    public static Optional<StockMember> memberOn(List<Registration> counted, LocalDate t) {
        if (t.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("the stock date " + t + " is not the first day of a month");
        }
        Registration latest = null;
        for (Registration r : counted) {
            if (r.flow() == Flow.IMM && r.date().isBefore(t) && (latest == null || r.compareTo(latest) > 0)) {
                latest = r;
            }
        }
        if (latest == null || !Codes.LONG_TERM.equals(latest.durationClass())) {
            return Optional.empty();
        }
        for (Registration x : counted) {
            if (x.flow() == Flow.EMI && !x.date().isBefore(latest.date()) && x.date().isBefore(t)) {
                return Optional.empty();
            }
        }
        LocalDate end = latest.declaredEnd();
        if (end != null && !end.isAfter(t)) {
            return Optional.empty();
        }
        return Optional.of(new StockMember(latest.refArea(), latest.citizenship(), latest.countryOfBirth(),
                latest.sex(), AgeGroups.ageGroupOn(latest.birthDate(), t)));
    }
}
