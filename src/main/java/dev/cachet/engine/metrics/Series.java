package dev.cachet.engine.metrics;

import java.util.Arrays;

/** One named chart series: a value per second of the snapshot's time axis. Immutable. */
public final class Series {

    private final String name;
    private final double[] values;

    public Series(String name, double[] values) {
        this.name = name;
        this.values = values.clone();
    }

    public String name() { return name; }
    public int size() { return values.length; }
    public double get(int i) { return values[i]; }
    public double last() { return values.length == 0 ? 0 : values[values.length - 1]; }
    public double[] values() { return values.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.values, values);
    }

    @Override public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(values); }

    @Override public String toString() { return name + Arrays.toString(values); }
}
