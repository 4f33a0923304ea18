package dev.cachet.engine.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** Nanosecond samples reported as microsecond percentiles. */
public final class Percentiles {

    private final Histogram nanos = new Histogram(3);

    public void record(long n) { nanos.recordValue(Math.max(0, n)); }

    public double p50Us() { return us(nanos.getValueAtPercentile(50)); }
    public double p99Us() { return us(nanos.getValueAtPercentile(99)); }
    public double p999Us() { return us(nanos.getValueAtPercentile(99.9)); }
    public double maxUs() { return us(nanos.getMaxValue()); }

    public Map<String, Object> figures() {
        var m = new LinkedHashMap<String, Object>();
        m.put("p50Us", p50Us());
        m.put("p99Us", p99Us());
        m.put("p999Us", p999Us());
        m.put("maxUs", maxUs());
        m.put("samples", nanos.getTotalCount());
        return m;
    }

    static double us(double nanos) { return Math.round(nanos / 10.0) / 100.0; }
}
