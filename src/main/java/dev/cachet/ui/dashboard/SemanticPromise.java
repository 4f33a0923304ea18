package dev.cachet.ui.dashboard;

import dev.cachet.engine.semantic.calibration.Calibration;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's figure for the semantic layer's promise: the estimated false-hit rate of the busiest
 * learned namespace, with its interval, next to the bound the user set ("0.8% (0.3–1.6%) ≤ 2%").
 */
final class SemanticPromise {

    static final String KPI = "semantic false hits";

    private SemanticPromise() { }

    static String of(Map<String, Calibration> namespaces) {
        var learned = namespaces.values().stream().filter(c -> c.phase() == Calibration.Phase.LEARNED)
                .max(Comparator.comparingLong(Calibration::lookups));
        if (learned.isEmpty()) {
            int labels = namespaces.values().stream().mapToInt(Calibration::labels).sum();
            double delta = namespaces.values().stream().mapToDouble(Calibration::delta).findFirst().orElse(Double.NaN);
            return namespaces.isEmpty() ? "–" : String.format(Locale.ROOT, "learning (%d labels) · promise ≤ %s", labels, pct(delta));
        }
        Calibration c = learned.get();
        if (!c.estimate().known()) return "nothing served yet · promise ≤ " + pct(c.delta());
        return String.format(Locale.ROOT, "%s (%s–%s) · promise ≤ %s", pct(c.estimate().mean()), pct(c.estimate().low()),
                pct(c.estimate().high()), pct(c.delta()));
    }

    private static String pct(double share) {
        if (Double.isNaN(share)) return "–";
        double p = share * 100;
        return p >= 10 || p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%.1f%%", p);
    }
}
