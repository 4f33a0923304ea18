package dev.cachet.engine.experiments.report;

import dev.cachet.engine.experiments.stats.ArmSummary;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The report's two charts as inline SVG: pass rate per arm with its interval, latency per arm as a box plot. */
final class Svg {

    private static final String[] COLORS = {"#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2"};

    private Svg() { }

    static String passRates(List<ArmSummary> arms) {
        int rowH = 34;
        int left = 150;
        int width = 620;
        int plot = width - left - 60;
        int h = 30 + rowH * arms.size() + 30;
        var sb = new StringBuilder(header(width, h, "Pass rate per arm, with its 95% Wilson interval"));
        axis(sb, left, plot, 20 + rowH * arms.size(), "%", 100);
        for (int i = 0; i < arms.size(); i++) {
            ArmSummary s = arms.get(i);
            int y = 20 + i * rowH;
            sb.append(text(left - 8, y + 17, "end", s.name()));
            if (!s.passRate().known()) {
                sb.append(text(left + 4, y + 17, "start", "not scored"));
                continue;
            }
            double x = left + plot * s.passRate().estimate();
            sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%.1f' height='18' fill='%s' opacity='0.8'/>", left, y + 4,
                    plot * s.passRate().estimate(), color(i)));
            double lo = left + plot * s.passRate().low();
            double hi = left + plot * s.passRate().high();
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#111' stroke-width='1.5'/>", lo, hi, y + 13, y + 13));
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#111'/><line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#111'/>",
                    lo, lo, y + 7, y + 19, hi, hi, y + 7, y + 19));
            sb.append(text((int) Math.min(x + 6, left + plot + 4), y + 17, "start", String.format(Locale.ROOT, "%.0f%%", 100 * s.passRate().estimate())));
        }
        return sb.append("</svg>").toString();
    }

    /** @param latencies each arm's latencies in ms, in the arms' order */
    static String latency(List<ArmSummary> arms, List<double[]> latencies) {
        int rowH = 34;
        int left = 150;
        int width = 620;
        int plot = width - left - 60;
        double max = latencies.stream().flatMapToDouble(Arrays::stream).max().orElse(1);
        if (max <= 0) max = 1;
        int h = 30 + rowH * arms.size() + 30;
        var sb = new StringBuilder(header(width, h, "Latency per arm (box: quartiles, line: median, whiskers: 5th–95th percentile)"));
        axis(sb, left, plot, 20 + rowH * arms.size(), " ms", max);
        for (int i = 0; i < arms.size(); i++) {
            int y = 20 + i * rowH;
            sb.append(text(left - 8, y + 17, "end", arms.get(i).name()));
            double[] v = latencies.get(i).clone();
            if (v.length == 0) continue;
            Arrays.sort(v);
            double s = plot / max;
            double p5 = q(v, 0.05) * s + left;
            double q1 = q(v, 0.25) * s + left;
            double med = q(v, 0.5) * s + left;
            double q3 = q(v, 0.75) * s + left;
            double p95 = q(v, 0.95) * s + left;
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#444'/>", p5, p95, y + 13, y + 13));
            sb.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='18' fill='%s' opacity='0.7' stroke='#333'/>",
                    q1, y + 4, Math.max(1, q3 - q1), color(i)));
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#111' stroke-width='2'/>", med, med, y + 3, y + 23));
            sb.append(text((int) Math.min(p95 + 6, left + plot + 4), y + 17, "start", TextReport.ms(q(v, 0.5))));
        }
        return sb.append("</svg>").toString();
    }

    private static double q(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }

    private static void axis(StringBuilder sb, int left, int plot, int y, String unit, double max) {
        sb.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#999'/>", left, left + plot, y, y));
        for (int t = 0; t <= 4; t++) {
            double x = left + plot * t / 4.0;
            double v = max * t / 4.0;
            String label = unit.equals("%") ? String.format(Locale.ROOT, "%.0f%%", v) : String.format(Locale.ROOT, v >= 10 ? "%.0f%s" : "%.1f%s", v, unit);
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#ddd'/>", x, x, 14, y));
            sb.append(text((int) x, y + 16, "middle", label));
        }
    }

    private static String header(int w, int h, String title) {
        return String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' role='img' "
                + "font-family='sans-serif' font-size='12'><title>%s</title>", w, h, w, h, Html.escape(title));
    }

    private static String text(int x, int y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='%s' fill='#222'>%s</text>", x, y, anchor, Html.escape(s));
    }

    private static String color(int i) { return COLORS[i % COLORS.length]; }
}
