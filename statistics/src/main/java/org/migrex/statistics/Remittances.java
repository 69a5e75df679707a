package org.migrex.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SDG 10.c.1 remittance costs by the World Bank Remittance Prices Worldwide (RPW) method, in exact integer arithmetic
 * (docs/remittances.md). A price point is one provider's product in one corridor and quarter for one amount band
 * (USD 200 or USD 500 equivalent). Its total cost, as a percentage of the amount sent, is
 * {@code fee / amount * 100 + fxMarginPercent}, computed once per price point in {@link BigDecimal} and rounded
 * half-even to {@link #COST_SCALE} decimal places, then held as a {@code long} in units of 0.0001 percentage points
 * ({@code 5.25 %} is {@code 52500}). Sums of such longs are exact and order independent, so a cube that adds them
 * (corrections subtracting the old value) never drifts; the corridor average is {@code costSum / costedPoints},
 * derived when read, rounded half-even once.
 *
 * <p><b>Missing FX margin.</b> RPW's total cost needs both parts; a price point whose margin was not observed (blank,
 * not {@code 0}) has no total cost. It still counts as surveyed ({@code PRICE_POINTS}) but not in {@code COSTED_POINTS}
 * or {@code COST_SUM}, so it neither lowers the average (as a margin of 0 would) nor is lost. A margin of {@code 0}
 * is an observation (e.g. USD sent and paid out in USD).
 */
public final class Remittances {
    /** Decimal places of a total cost in percent kept per price point: units of 0.0001 percentage points. */
    public static final int COST_SCALE = 4;
    /** SDG 10.c.1's "no corridor above" threshold, 5 %, in cost units. */
    public static final long FIVE_PERCENT = 5_0000L;
    /** The SDG 10.c.1 target for the average, 3 %, in cost units. */
    public static final long THREE_PERCENT = 3_0000L;
    /** Lowest and highest FX margin accepted, percent: a provider may beat the interbank rate, by little. */
    public static final BigDecimal MIN_MARGIN = new BigDecimal("-10");
    public static final BigDecimal MAX_MARGIN = new BigDecimal("50");

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** The RPW amount bands. */
    public enum AmountBand { USD200, USD500 }

    /** One surveyed price point, already validated ({@link #validatePrice}). A null margin: not observed. */
    public record PricePoint(String sendingArea, String receivingArea, String quarter, AmountBand band,
                             BigDecimal amountSent, BigDecimal fee, BigDecimal fxMarginPercent) {
    }

    /** A corridor (sending, receiving country), quarter and amount band: the unit of the RPW average. */
    public record CorridorQuarter(String sendingArea, String receivingArea, String quarter, AmountBand band) {
    }

    /** The additive sums of a corridor-quarter: every price point, those with a total cost, and their costs' sum. */
    public record CostSums(long pricePoints, long costedPoints, long costSum) {
        public CostSums plus(CostSums other) {
            return new CostSums(Math.addExact(pricePoints, other.pricePoints),
                    Math.addExact(costedPoints, other.costedPoints), Math.addExact(costSum, other.costSum));
        }

        /** The simple average total cost over the costed points, in cost units, half-even; empty when none. */
        public Optional<Long> averageCost() {
            if (costedPoints == 0) {
                return Optional.empty();
            }
            return Optional.of(BigDecimal.valueOf(costSum).divide(BigDecimal.valueOf(costedPoints), 0,
                    RoundingMode.HALF_EVEN).longValueExact());
        }
    }

    private Remittances() {
    }

    /** Total cost of a price point in cost units; empty when its FX margin was not observed. */
    public static Optional<Long> totalCost(BigDecimal amountSent, BigDecimal fee, BigDecimal fxMarginPercent) {
        if (fxMarginPercent == null) {
            return Optional.empty();
        }
        BigDecimal percent = fee.multiply(BigDecimal.valueOf(100))
                .divide(amountSent, COST_SCALE + 10, RoundingMode.HALF_EVEN).add(fxMarginPercent);
        return Optional.of(percent.setScale(COST_SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact());
    }

    /** What one price point adds to its corridor-quarter's sums. */
    public static CostSums sumsOf(PricePoint point) {
        return totalCost(point.amountSent(), point.fee(), point.fxMarginPercent())
                .map(cost -> new CostSums(1, 1, cost)).orElse(new CostSums(1, 0, 0));
    }

    /** Sums per corridor-quarter of a set of price points (a batch recount; the cube adds the same sums). */
    public static Map<CorridorQuarter, CostSums> sumsByCorridor(List<PricePoint> points) {
        Map<CorridorQuarter, CostSums> sums = new TreeMap<>(java.util.Comparator.comparing(CorridorQuarter::toString));
        for (PricePoint p : points) {
            sums.merge(new CorridorQuarter(p.sendingArea(), p.receivingArea(), p.quarter(), p.band()), sumsOf(p),
                    CostSums::plus);
        }
        return sums;
    }

    /**
     * The share of corridors above 5 %, as its two counts: of the corridors with an average (at least one costed
     * point), how many average strictly more than {@link #FIVE_PERCENT}. A corridor without a survey in the quarter
     * is in neither count (it has no cost, not a cost of 0).
     *
     * @return {@code [corridors with an average, of which above 5 %]}
     */
    public static long[] corridorsAboveFivePercent(Iterable<CostSums> corridors) {
        long costed = 0;
        long above = 0;
        for (CostSums sums : corridors) {
            Optional<Long> average = sums.averageCost();
            if (average.isPresent()) {
                costed++;
                if (average.get() > FIVE_PERCENT) {
                    above++;
                }
            }
        }
        return new long[] {costed, above};
    }

    /** A cost in cost units as percent text ({@code 52500} → {@code 5.2500}). */
    public static String percentText(long cost) {
        return BigDecimal.valueOf(cost, COST_SCALE).toPlainString();
    }

    // --- validation of the template fields: each check returns an error text naming what is accepted, or null ----

    /** Error text for a quarter that is not {@code YYYY-Qn} (n 1 to 4, year 1900 to 2999), or null. */
    public static String checkQuarter(String text) {
        Matcher m = text == null ? null : QUARTER.matcher(text.strip());
        if (m == null || !m.matches()) {
            return "not a quarter; expected YYYY-Qn with n from 1 to 4, e.g. 2024-Q3";
        }
        int year = Integer.parseInt(m.group(1));
        return year < 1900 || year > 2999 ? "year " + year + " is outside 1900 to 2999" : null;
    }

    /** Error text for a code that is not an ISO 4217 currency code the JDK knows (three letters, upper case), or null. */
    public static String checkCurrency(String text) {
        if (text == null || !text.strip().matches("[A-Z]{3}")) {
            return "not an ISO 4217 currency code; expected three upper-case letters, e.g. USD, RUB, TJS";
        }
        try {
            Currency.getInstance(text.strip());
            return null;
        } catch (IllegalArgumentException unknown) {
            return "'" + text.strip() + "' is not an ISO 4217 currency code; expected e.g. USD, RUB, TJS, KZT, KGS, UZS";
        }
    }

    /**
     * Validates a price point's fields; every problem is listed (field name, then what is wrong and what is accepted).
     * Fee and amounts are decimals with at most {@value #COST_SCALE} places; the fee is from 0 to the amount sent; the
     * margin, when given, from {@link #MIN_MARGIN} to {@link #MAX_MARGIN} percent; sending and receiving differ.
     */
    public static List<String[]> validatePrice(String sending, String receiving, String quarter, String band,
            String currency, String amountSent, String fee, String fxMargin) {
        List<String[]> errors = new ArrayList<>();
        if (sending == null || !sending.strip().matches("[A-Z]{3}")) {
            errors.add(new String[] {"sending_country", "expected an ISO 3166-1 alpha-3 code, e.g. RUS"});
        }
        if (receiving == null || !receiving.strip().matches("[A-Z]{3}")) {
            errors.add(new String[] {"receiving_country", "expected an ISO 3166-1 alpha-3 code, e.g. TJK"});
        } else if (sending != null && sending.strip().equals(receiving.strip())) {
            errors.add(new String[] {"receiving_country", "a corridor joins two different countries"});
        }
        String q = checkQuarter(quarter);
        if (q != null) {
            errors.add(new String[] {"quarter", q});
        }
        if (band == null || !(band.strip().equals("USD200") || band.strip().equals("USD500"))) {
            errors.add(new String[] {"amount_band", "expected USD200 or USD500 (the RPW amounts)"});
        }
        String c = checkCurrency(currency);
        if (c != null) {
            errors.add(new String[] {"send_currency", c});
        }
        BigDecimal amount = decimal(amountSent);
        if (amount == null || amount.signum() <= 0) {
            errors.add(new String[] {"amount_sent", "expected a positive decimal with at most " + COST_SCALE
                    + " decimal places, e.g. 16500.00"});
        }
        BigDecimal f = decimal(fee);
        if (f == null || f.signum() < 0) {
            errors.add(new String[] {"fee", "expected a decimal from 0 with at most " + COST_SCALE
                    + " decimal places, in the send currency"});
        } else if (amount != null && amount.signum() > 0 && f.compareTo(amount) > 0) {
            errors.add(new String[] {"fee", "the fee is larger than the amount sent; expected 0 to " + amountSent});
        }
        if (fxMargin != null && !fxMargin.isBlank()) {
            BigDecimal m = decimal(fxMargin);
            if (m == null || m.compareTo(MIN_MARGIN) < 0 || m.compareTo(MAX_MARGIN) > 0) {
                errors.add(new String[] {"fx_margin_percent", "expected a percentage from " + MIN_MARGIN + " to "
                        + MAX_MARGIN + " with at most " + COST_SCALE + " decimal places, or blank when not observed"});
            }
        }
        return errors;
    }

    /** A plain decimal with at most {@value #COST_SCALE} places (no exponent, no grouping), or null. */
    public static BigDecimal decimal(String text) {
        if (text == null || !text.strip().matches("-?\\d{1,15}(\\.\\d{1," + COST_SCALE + "})?")) {
            return null;
        }
        return new BigDecimal(text.strip());
    }

    // --- the observations of the dataflow REMITTANCES (docs/remittances.md) ----------------------------------------

    /** Decimal places of a FLOW_VALUE: units of 0.0001 currency units, the most decimals ingestion accepts. */
    public static final int FLOW_SCALE = 4;
    /** The code of AMOUNT and CURRENCY where they do not apply (SDMX's "not applicable"). */
    public static final String NOT_APPLICABLE = "_Z";

    /** REMITTANCES' INDICATOR: what an observation's value is. */
    public enum Indicator {
        /** Price points surveyed (costed or not). */
        PRICE_POINTS,
        /** Price points with a total cost (fee and FX margin observed). */
        COSTED_POINTS,
        /** Sum of the costed points' total costs, in units of 0.0001 percentage points. */
        COST_SUM,
        /** Money sent through the corridor in the quarter, in units of 0.0001 of CURRENCY. */
        FLOW_VALUE
    }

    /**
     * One observation of REMITTANCES: what a record adds to one cell. The corridor is absolute (SENDING_AREA to
     * RECEIVING_AREA); REF_AREA is the reporting node, so an outflow has REF_AREA = SENDING_AREA and an inflow
     * REF_AREA = RECEIVING_AREA. AMOUNT is the band of a price indicator ({@code _Z} for FLOW_VALUE), CURRENCY the
     * currency of a FLOW_VALUE ({@code _Z} for the price indicators, which are counts and percentages).
     */
    public record RemittanceObservation(String refArea, Indicator indicator, String sendingArea, String receivingArea,
                                        String amount, String currency, String quarter, long value) {
    }

    /** A price point's observations: PRICE_POINTS 1, and COSTED_POINTS 1 and COST_SUM its cost when costed (else 0). */
    public static List<RemittanceObservation> observationsOf(String refArea, PricePoint p) {
        CostSums sums = sumsOf(p);
        String band = p.band().name();
        return List.of(
                new RemittanceObservation(refArea, Indicator.PRICE_POINTS, p.sendingArea(), p.receivingArea(), band,
                        NOT_APPLICABLE, p.quarter(), sums.pricePoints()),
                new RemittanceObservation(refArea, Indicator.COSTED_POINTS, p.sendingArea(), p.receivingArea(), band,
                        NOT_APPLICABLE, p.quarter(), sums.costedPoints()),
                new RemittanceObservation(refArea, Indicator.COST_SUM, p.sendingArea(), p.receivingArea(), band,
                        NOT_APPLICABLE, p.quarter(), sums.costSum()));
    }

    /**
     * A flow's observations: FLOW_VALUE in USD, and in the national currency when given, each in units of 0.0001
     * of its currency (exact: ingestion accepts at most {@value #FLOW_SCALE} decimals; more is an
     * ArithmeticException, not a rounding).
     */
    public static List<RemittanceObservation> observationsOfFlow(String refArea, String sendingArea,
            String receivingArea, String quarter, String valueUsd, String nationalCurrency, String valueNational) {
        List<RemittanceObservation> out = new ArrayList<>();
        out.add(new RemittanceObservation(refArea, Indicator.FLOW_VALUE, sendingArea, receivingArea, NOT_APPLICABLE,
                "USD", quarter, flowUnits(valueUsd)));
        if (nationalCurrency != null && valueNational != null && !"USD".equals(nationalCurrency)) {
            out.add(new RemittanceObservation(refArea, Indicator.FLOW_VALUE, sendingArea, receivingArea,
                    NOT_APPLICABLE, nationalCurrency, quarter, flowUnits(valueNational)));
        }
        return out;
    }

    /** An amount's exact decimal text in units of 0.0001 ({@code 1250.5} → {@code 12505000}). */
    public static long flowUnits(String decimalText) {
        return new BigDecimal(decimalText.strip()).setScale(FLOW_SCALE).unscaledValue().longValueExact();
    }

    /** Units of 0.0001 as decimal text with two places, half-even ({@code 12505000} → {@code 1250.50}). */
    public static String flowText(long units) {
        return BigDecimal.valueOf(units, FLOW_SCALE).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
