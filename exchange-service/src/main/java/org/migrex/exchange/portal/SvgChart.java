package org.migrex.exchange.portal;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG, drawn on the server so that the page needs no script: one polyline per series over the
 * periods, a gap where a value is missing or suppressed, each series told apart by colour <em>and</em> dash pattern
 * and marker (readable without colour vision), with a title and a description for screen readers. The same figures
 * are in the table beside the chart.
 */
public final class SvgChart {
    /** One series: its label and one value per period ({@code null}: suppressed or absent). */
    public record Series(String label, List<Long> values) {
    }

    private static final String[] COLOURS = {"#0b4f8a", "#a4161a", "#2d6a4f", "#6a3d9a"};
    private static final String[] DASHES = {"", "6 4", "2 3", "10 3 2 3"};
    private static final int WIDTH = 820;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 260;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private SvgChart() {
    }

    /** A horizontal reference line (a target) at {@code value}, in the series' units, labelled in the legend. */
    public record Reference(String label, long value) {
    }

    public static String draw(String title, List<String> periods, List<Series> series) {
        return draw(title, periods, series, List.of(), 1);
    }

    /**
     * The line chart with horizontal reference lines (grey, each with its own dash pattern, labelled in the legend
     * below the series) and values in units of {@code 1/unit} (e.g. {@code 10000}: values in 0.0001 percentage points,
     * ticks written in whole percentage points). The scale's top is at or above the largest value and reference.
     */
    public static String draw(String title, List<String> periods, List<Series> series, List<Reference> references,
                              long unit) {
        if (unit < 1 || !Long.toString(unit).matches("10*")) {
            throw new IllegalArgumentException("unit must be 1, 10, 100, ... (a power of ten), not " + unit);
        }
        long max = 1;
        for (Reference r : references) {
            max = Math.max(max, r.value());
        }
        for (Series s : series) {
            for (Long v : s.values()) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" role=\"img\" aria-labelledby=\"chart-title\""
                + " viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"100%\">");
        svg.append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333333"));
        svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#333333"));
        // whole-number ticks (of the unit), at most about five, the top one at or above the largest value
        long step = Math.max(1, (long) Math.ceil(max / 4.0 / unit)) * unit;
        max = step * (long) Math.ceil((double) max / step);
        for (long value = 0; value <= max; value += step) {
            double y = TOP + plotH - plotH * value / max;
            svg.append(line(LEFT - 4, y, LEFT, y, "#333333"));
            svg.append(text(LEFT - 8, y + 4, "end", Long.toString(value / unit)));
        }
        for (int r = 0; r < references.size(); r++) {
            Reference ref = references.get(r);
            double y = TOP + plotH - plotH * ref.value() / max;
            svg.append("<g class=\"reference\"><line x1=\"").append(fmt(LEFT)).append("\" y1=\"").append(fmt(y))
                    .append("\" x2=\"").append(fmt(LEFT + plotW)).append("\" y2=\"").append(fmt(y))
                    .append("\" stroke=\"#555555\" stroke-width=\"1.5\" stroke-dasharray=\"")
                    .append(r % 2 == 0 ? "8 4" : "3 3").append("\"/>");
            double ly = TOP + 10 + (series.size() + r) * 22;
            double lx = WIDTH - RIGHT + 16;
            svg.append("<line x1=\"").append(fmt(lx)).append("\" y1=\"").append(fmt(ly)).append("\" x2=\"")
                    .append(fmt(lx + 28)).append("\" y2=\"").append(fmt(ly))
                    .append("\" stroke=\"#555555\" stroke-width=\"1.5\" stroke-dasharray=\"")
                    .append(r % 2 == 0 ? "8 4" : "3 3").append("\"/>")
                    .append(text(lx + 34, ly + 4, "start", ref.label())).append("</g>");
        }
        for (int i = 0; i < periods.size(); i++) {
            svg.append(text(x(i, periods.size(), plotW), TOP + plotH + 18, "middle", periods.get(i)));
        }
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i <= one.values().size(); i++) {
                Long v = i < one.values().size() ? one.values().get(i) : null;
                if (v == null) {
                    if (!points.isEmpty()) {
                        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2.5\"")
                                .append(DASHES[s % DASHES.length].isEmpty() ? "" : " stroke-dasharray=\""
                                        + DASHES[s % DASHES.length] + "\"")
                                .append(" points=\"").append(points.toString().trim()).append("\"/>");
                        points.setLength(0);
                    }
                    continue;
                }
                double px = x(i, periods.size(), plotW);
                double py = TOP + plotH - plotH * v / max;
                points.append(fmt(px)).append(',').append(fmt(py)).append(' ');
                svg.append(marker(s, px, py, colour)).append("<title>").append(escape(one.label())).append(", ")
                        .append(escape(periods.get(i))).append(": ").append(value(v, unit)).append("</title></g>");
            }
            double ly = TOP + 10 + s * 22;
            double lx = WIDTH - RIGHT + 16;
            svg.append("<line x1=\"").append(fmt(lx)).append("\" y1=\"").append(fmt(ly)).append("\" x2=\"")
                    .append(fmt(lx + 28)).append("\" y2=\"").append(fmt(ly)).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2.5\"").append(DASHES[s % DASHES.length].isEmpty() ? ""
                            : " stroke-dasharray=\"" + DASHES[s % DASHES.length] + "\"").append("/>");
            svg.append(marker(s, lx + 14, ly, colour)).append("</g>");
            svg.append(text(lx + 34, ly + 4, "start", one.label()));
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /**
     * An age-sex pyramid as inline SVG: one row per age group, the youngest at the bottom; men's bars to the left of
     * the axis, women's to the right, both sides headed by their label (told apart by side and label, not colour
     * alone), each bar with a tooltip of its figure. A suppressed value is written C beside the axis, with no bar; a
     * missing one draws nothing (a zero). The same figures are in the table beside it.
     *
     * @param ages    the age groups' labels, youngest first
     * @param men     one value per age group ({@code null}: none or suppressed, see {@code menSuppressed})
     * @param women   likewise
     */
    public static String pyramid(String title, String menLabel, String womenLabel, List<String> ages,
                                 List<Long> men, List<Long> women, List<Boolean> menSuppressed,
                                 List<Boolean> womenSuppressed) {
        long max = 1;
        for (Long v : men) {
            max = v == null ? max : Math.max(max, v);
        }
        for (Long v : women) {
            max = v == null ? max : Math.max(max, v);
        }
        int rowHeight = 18;
        int top = 40;
        int labelWidth = 70;
        int half = (WIDTH - labelWidth) / 2 - 20;
        double axis = 20 + half;
        int height = top + ages.size() * rowHeight + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" role=\"img\" aria-labelledby=\"chart-title\""
                + " viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"100%\">");
        svg.append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        svg.append(text(axis - 10, top - 16, "end", menLabel + " ←"));
        svg.append(text(axis + labelWidth + 10, top - 16, "start", "→ " + womenLabel));
        for (int i = 0; i < ages.size(); i++) {
            double y = top + (ages.size() - 1 - i) * rowHeight;
            svg.append(text(axis + labelWidth / 2.0, y + 13, "middle", ages.get(i)));
            svg.append(bar(axis, y, rowHeight, half, max, men.get(i), menSuppressed.get(i), true, COLOURS[0],
                    menLabel + ", " + ages.get(i)));
            svg.append(bar(axis + labelWidth, y, rowHeight, half, max, women.get(i), womenSuppressed.get(i), false,
                    COLOURS[1], womenLabel + ", " + ages.get(i)));
        }
        double base = top + ages.size() * rowHeight + 4;
        svg.append(line(20, base, axis, base, "#333333"));
        svg.append(line(axis + labelWidth, base, axis + labelWidth + half, base, "#333333"));
        svg.append(text(20, base + 16, "start", Long.toString(max)));
        svg.append(text(axis, base + 16, "end", "0"));
        svg.append(text(axis + labelWidth, base + 16, "start", "0"));
        svg.append(text(axis + labelWidth + half, base + 16, "end", Long.toString(max)));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String bar(double edge, double y, int rowHeight, int half, long max, Long value, boolean suppressed,
                              boolean leftward, String colour, String label) {
        if (suppressed) {
            return text(leftward ? edge - 6 : edge + 6, y + 13, leftward ? "end" : "start", "C");
        }
        if (value == null || value == 0) {
            return "";
        }
        double w = (double) half * value / max;
        double x = leftward ? edge - w : edge;
        return "<g class=\"bar\"><rect x=\"" + fmt(x) + "\" y=\"" + fmt(y + 2) + "\" width=\"" + fmt(w)
                + "\" height=\"" + (rowHeight - 4) + "\" fill=\"" + colour + "\"/><title>" + escape(label) + ": " + value
                + "</title></g>";
    }

    private static String marker(int series, double x, double y, String colour) {
        String shape = switch (series % 4) {
            case 0 -> "<circle cx=\"" + fmt(x) + "\" cy=\"" + fmt(y) + "\" r=\"4\" fill=\"" + colour + "\"/>";
            case 1 -> "<rect x=\"" + fmt(x - 4) + "\" y=\"" + fmt(y - 4) + "\" width=\"8\" height=\"8\" fill=\"" + colour
                    + "\"/>";
            case 2 -> "<polygon points=\"" + fmt(x) + "," + fmt(y - 5) + " " + fmt(x + 5) + "," + fmt(y + 4) + " "
                    + fmt(x - 5) + "," + fmt(y + 4) + "\" fill=\"" + colour + "\"/>";
            default -> "<circle cx=\"" + fmt(x) + "\" cy=\"" + fmt(y) + "\" r=\"4\" fill=\"#ffffff\" stroke=\""
                    + colour + "\" stroke-width=\"2\"/>";
        };
        return "<g class=\"point\">" + shape;
    }

    /** A value in units of {@code 1/unit}, with as many decimals as the unit has zeros (10000: 4). */
    private static String value(long v, long unit) {
        return unit == 1 ? Long.toString(v)
                : java.math.BigDecimal.valueOf(v).divide(java.math.BigDecimal.valueOf(unit)).setScale(
                        Long.toString(unit).length() - 1, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static double x(int i, int n, double plotW) {
        return LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + colour + "\"/>";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor
                + "\" font-size=\"12\" fill=\"#1a1a1a\">" + escape(content) + "</text>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
