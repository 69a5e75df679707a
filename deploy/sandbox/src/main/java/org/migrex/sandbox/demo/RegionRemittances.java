package org.migrex.sandbox.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The sandbox region's remittances: a World Bank RPW-style price survey of each corridor the sending node surveys, and
 * the flows each node records (its central bank's outflows where it sends, inflows where it receives), with the gaps
 * real data have: some providers' FX margin not observed, one quarter of one corridor not surveyed, and the two ends
 * of a corridor recording different amounts (the receiving side more, as money-transfer operators' reports include
 * transfers the sending bank does not see).
 *
 * <p>{@link #expectedCost} is the SDG 10.c.1 average worked out here from RPW's text (simple average over the costed
 * points of fee / amount × 100 + FX margin), independently of the node's code, so the demo can show what the node
 * should publish. The same seed gives the same rows.
 */
public final class RegionRemittances {
    /** Quarters the survey and the flows cover. */
    public static final List<String> QUARTERS = List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
    /** Corridors (sending > receiving), surveyed by the sending country. */
    public static final List<String> CORRIDORS = List.of("RUS>TJK", "RUS>KGZ", "RUS>KAZ", "KAZ>KGZ", "KAZ>TJK");
    /** The corridor and quarter the survey skipped: it has no cost, which is not a cost of 0. */
    public static final String NOT_SURVEYED = "KAZ>TJK|2025-Q2";

    /** Units of national currency per USD, for the RPW amounts and the flows' national values. */
    private static final Map<String, BigDecimal> PER_USD = Map.of("RUS", new BigDecimal("90"),
            "KAZ", new BigDecimal("500"), "KGZ", new BigDecimal("87"), "TJK", new BigDecimal("10.9"));
    private static final Map<String, String> CURRENCY = Map.of("RUS", "RUB", "KAZ", "KZT", "KGZ", "KGS", "TJK", "TJS");
    /** The corridor's total cost in the first quarter, before the downward trend, in percent. */
    private static final Map<String, Double> BASE_COST = Map.of("RUS>TJK", 2.2, "RUS>KGZ", 1.9, "RUS>KAZ", 2.6,
            "KAZ>KGZ", 4.2, "KAZ>TJK", 5.8);
    /** Money sent per quarter, USD, as the sending country's central bank records it. */
    private static final Map<String, Long> OUTFLOW_USD = Map.of("RUS>TJK", 1_650_000_000L, "RUS>KGZ", 720_000_000L,
            "RUS>KAZ", 310_000_000L, "KAZ>KGZ", 64_000_000L, "KAZ>TJK", 21_000_000L);

    private record Provider(String name, String type, String product, String speed, double feeShare) {
    }

    private static final Map<String, List<Provider>> PROVIDERS = Map.of(
            "RUS", List.of(
                    new Provider("Bank A", "BANK", "Account to account", "NEXT_DAY", 0.3),
                    new Provider("Transfer system B", "MTO", "Cash to cash", "LESS_THAN_1_HOUR", 0.6),
                    new Provider("Transfer system C", "MTO", "Card to cash", "LESS_THAN_1_HOUR", 0.5),
                    new Provider("Post D", "POST", "Postal order", "3_5_DAYS", 0.8),
                    new Provider("Wallet E", "MOBILE_OPERATOR", "Wallet to wallet", "LESS_THAN_1_HOUR", 0.4)),
            "KAZ", List.of(
                    new Provider("Bank F", "BANK", "Account to account", "SAME_DAY", 0.4),
                    new Provider("Transfer system G", "MTO", "Cash to cash", "LESS_THAN_1_HOUR", 0.7),
                    new Provider("Post H", "POST", "Postal order", "6_DAYS_OR_MORE", 0.9)));

    /** One price point of the survey, as the template's row. */
    public record PricePoint(String recordId, String sending, String receiving, String quarter, String provider,
            String providerType, String product, String band, String currency, BigDecimal amountSent, BigDecimal fee,
            BigDecimal fxMarginPercent, String speed) {
    }

    /** One corridor's quarter as one end recorded it. */
    public record Flow(String recordId, String sending, String receiving, String quarter, BigDecimal valueUsd,
            String nationalCurrency, BigDecimal valueNational) {
    }

    private final List<String> countries;
    private final Map<String, List<PricePoint>> prices = new LinkedHashMap<>();
    private final Map<String, List<Flow>> flows = new LinkedHashMap<>();

    private RegionRemittances(List<String> countries) {
        this.countries = countries;
        countries.forEach(c -> {
            prices.put(c, new ArrayList<>());
            flows.put(c, new ArrayList<>());
        });
    }

    /** The survey and flows of the corridors between {@code countries}. */
    public static RegionRemittances generate(long seed, List<String> countries) {
        RegionRemittances region = new RegionRemittances(countries);
        Random random = new Random(seed ^ 0x5EED_10C1L);
        for (String corridor : region.corridors()) {
            String sending = corridor.substring(0, 3);
            String receiving = corridor.substring(4);
            for (int q = 0; q < QUARTERS.size(); q++) {
                String quarter = QUARTERS.get(q);
                if (!(corridor + "|" + quarter).equals(NOT_SURVEYED)) {
                    region.survey(random, sending, receiving, quarter, BASE_COST.get(corridor) - 0.15 * q);
                }
                region.flow(random, sending, receiving, quarter, OUTFLOW_USD.get(corridor) * (100 + 4L * q) / 100);
            }
        }
        return region;
    }

    /** The corridors both of whose ends are in the region. */
    public List<String> corridors() {
        return CORRIDORS.stream().filter(c -> countries.contains(c.substring(0, 3))
                && countries.contains(c.substring(4))).toList();
    }

    /** The price points {@code country} surveyed (those of its outgoing corridors). */
    public List<PricePoint> prices(String country) {
        return prices.getOrDefault(country, List.of());
    }

    /** The flows {@code country} recorded: its outflows and its inflows. */
    public List<Flow> flows(String country) {
        return flows.getOrDefault(country, List.of());
    }

    private void survey(Random random, String sending, String receiving, String quarter, double corridorCost) {
        for (Provider provider : PROVIDERS.get(sending)) {
            for (int usd : new int[] {200, 500}) {
                BigDecimal amount = PER_USD.get(sending).multiply(BigDecimal.valueOf(usd));
                // the corridor's cost split into a fee and an FX margin, the fee falling with the amount
                double cost = Math.max(0.3, corridorCost + (random.nextDouble() - 0.5) * 1.2 - (usd == 500 ? 0.4 : 0));
                double feePercent = cost * provider.feeShare();
                BigDecimal fee = amount.multiply(BigDecimal.valueOf(feePercent)).divide(BigDecimal.valueOf(100), 0,
                        RoundingMode.HALF_EVEN);
                // about one point in eight has no observed margin (blank), as RPW's "not available"
                BigDecimal margin = random.nextInt(8) == 0 ? null
                        : BigDecimal.valueOf(cost - feePercent).setScale(2, RoundingMode.HALF_EVEN);
                String id = "P-" + sending + receiving + "-" + quarter + "-" + (prices.get(sending).size() + 1);
                prices.get(sending).add(new PricePoint(id, sending, receiving, quarter, provider.name(),
                        provider.type(), provider.product(), "USD" + usd, CURRENCY.get(sending), amount, fee, margin,
                        provider.speed()));
            }
        }
    }

    private void flow(Random random, String sending, String receiving, String quarter, long outflowUsd) {
        BigDecimal recordedBySender = BigDecimal.valueOf(outflowUsd);
        // the receiving side records 3 to 9 % more
        BigDecimal recordedByReceiver = recordedBySender.multiply(BigDecimal.valueOf(103 + random.nextInt(7)))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN);
        addFlow(sending, sending, receiving, quarter, recordedBySender);
        addFlow(receiving, sending, receiving, quarter, recordedByReceiver);
    }

    private void addFlow(String recorder, String sending, String receiving, String quarter, BigDecimal usd) {
        String id = "F-" + sending + receiving + "-" + quarter;
        BigDecimal national = usd.multiply(PER_USD.get(recorder)).setScale(2, RoundingMode.HALF_EVEN);
        flows.get(recorder).add(new Flow(id, sending, receiving, quarter, usd, CURRENCY.get(recorder), national));
    }

    /**
     * The SDG 10.c.1 average total cost of a corridor, quarter and band ({@code USD200}), in percent rounded half-even
     * to 4 places, worked out from RPW's text; empty when no point of it has a cost (not surveyed, or every margin
     * missing).
     */
    public Optional<BigDecimal> expectedCost(String corridor, String quarter, String band) {
        String sending = corridor.substring(0, 3);
        List<BigDecimal> costs = prices(sending).stream()
                .filter(p -> (p.sending() + ">" + p.receiving()).equals(corridor) && p.quarter().equals(quarter)
                        && p.band().equals(band) && p.fxMarginPercent() != null)
                .map(p -> p.fee().multiply(BigDecimal.valueOf(100)).divide(p.amountSent(), 10, RoundingMode.HALF_EVEN)
                        .add(p.fxMarginPercent()))
                .toList();
        if (costs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(costs.size()), 4, RoundingMode.HALF_EVEN));
    }

    /** Source a node's agency uploads its price survey to. */
    public static final String PRICES_SOURCE = "remittance-prices";
    /** Source a node's agency uploads its recorded flows to. */
    public static final String FLOWS_SOURCE = "remittance-flows";

    /** The survey as the template's CSV (headers = column names). */
    public String pricesCsv(String country) {
        StringBuilder csv = new StringBuilder("record_id,sending_country,receiving_country,quarter,provider,"
                + "provider_type,product,amount_band,send_currency,amount_sent,fee,fx_margin_percent,transfer_speed\n");
        for (PricePoint p : prices(country)) {
            csv.append(String.join(",", p.recordId(), p.sending(), p.receiving(), p.quarter(), p.provider(),
                    p.providerType(), p.product(), p.band(), p.currency(), p.amountSent().toPlainString(),
                    p.fee().toPlainString(), p.fxMarginPercent() == null ? "" : p.fxMarginPercent().toPlainString(),
                    p.speed())).append('\n');
        }
        return csv.toString();
    }

    /**
     * The recorded flows as the node's agency sends them: Russia's central bank export in the
     * {@code ru-cbr-remittance-flows} profile ({@code ;}, decimal commas, Russian headers and names), the template's
     * CSV elsewhere.
     */
    public String flowsCsv(String country) {
        boolean russian = country.equals("RUS");
        StringBuilder csv = new StringBuilder(russian
                ? "Номер строки;Страна отправления;Страна получения;Квартал;Сумма, долл. США;Валюта;"
                        + "Сумма в национальной валюте\r\n"
                : "record_id,sending_country,receiving_country,quarter,value_usd,national_currency,value_national\n");
        for (Flow f : flows(country)) {
            if (russian) {
                csv.append(String.join(";", f.recordId(), RU_NAMES.get(f.sending()), RU_NAMES.get(f.receiving()),
                        f.quarter(), f.valueUsd().toPlainString().replace('.', ','), "руб.",
                        f.valueNational().toPlainString().replace('.', ','))).append("\r\n");
            } else {
                csv.append(String.join(",", f.recordId(), f.sending(), f.receiving(), f.quarter(),
                        f.valueUsd().toPlainString(), f.nationalCurrency(), f.valueNational().toPlainString()))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    /** The profile that reads {@code country}'s flows file. */
    public static String flowsProfile(String country) {
        return country.equals("RUS") ? "ru-cbr-remittance-flows" : "remittance-flows";
    }

    private static final Map<String, String> RU_NAMES = Map.of("RUS", "Россия", "KAZ", "Казахстан",
            "KGZ", "Кыргызстан", "TJK", "Таджикистан");

    /** What {@code recorder} recorded for a corridor and quarter, USD. */
    public Optional<BigDecimal> recordedUsd(String recorder, String corridor, String quarter) {
        return flows(recorder).stream()
                .filter(f -> (f.sending() + ">" + f.receiving()).equals(corridor) && f.quarter().equals(quarter))
                .map(Flow::valueUsd).findFirst();
    }
}
