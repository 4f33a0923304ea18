package dev.cachet.ui.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One chart's data: a shared x axis (seconds relative to the newest point, so the newest is 0) and
 * named lines of the same length, in legend order.
 */
public record ChartData(String title, String unit, double[] x, Map<String, double[]> lines) {

    public ChartData {
        lines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        for (var e : lines.entrySet()) {
            if (e.getValue().length != x.length) {
                throw new IllegalArgumentException("line '" + e.getKey() + "' has " + e.getValue().length + " points, axis has " + x.length);
            }
        }
    }

    public double[] line(String name) {
        double[] v = lines.get(name);
        if (v == null) throw new IllegalArgumentException("chart '" + title + "' has no line '" + name + "'; lines: " + lines.keySet());
        return v;
    }

    public double last(String name) {
        double[] v = line(name);
        return v.length == 0 ? 0 : v[v.length - 1];
    }
}
