package dev.cachet.engine.provider;

import dev.cachet.engine.definitions.FieldReader;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a scripted simulator rule waits before its first token: a fixed time, or a draw from a
 * uniform, normal (cut at 0) or log-normal distribution (Apache Commons Statistics), so that two
 * variants on the simulator can differ in latency the way real models do.
 */
public sealed interface LatencyDistribution {

    /** 1.645: the standard normal's 95th percentile, which turns a median and a p95 into a log-normal. */
    double Z95 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.95);

    Duration sample(RandomGenerator random);

    record Fixed(Duration value) implements LatencyDistribution {
        @Override public Duration sample(RandomGenerator random) { return value; }
    }

    /** Any continuous distribution of milliseconds, cut at 0. */
    record Continuous(String description, ContinuousDistribution millis) implements LatencyDistribution {
        @Override public Duration sample(RandomGenerator random) {
            double ms = millis.inverseCumulativeProbability(random.nextDouble());
            return Duration.ofNanos((long) (Math.max(0, ms) * 1e6));
        }
    }

    static LatencyDistribution uniform(Duration min, Duration max) {
        return new Continuous("uniform " + min.toMillis() + "-" + max.toMillis() + " ms", UniformContinuousDistribution.of(ms(min), ms(max)));
    }

    static LatencyDistribution normal(Duration mean, Duration stddev) {
        return new Continuous("normal " + mean.toMillis() + " ± " + stddev.toMillis() + " ms", NormalDistribution.of(ms(mean), ms(stddev)));
    }

    /** Log-normal with this median and 95th percentile: a long right tail, as model latencies have. */
    static LatencyDistribution logNormal(Duration median, Duration p95) {
        double mu = Math.log(ms(median));
        double sigma = (Math.log(ms(p95)) - mu) / Z95;
        return new Continuous("log-normal, median " + median.toMillis() + " ms, p95 " + p95.toMillis() + " ms", LogNormalDistribution.of(mu, sigma));
    }

    private static double ms(Duration d) { return d.toNanos() / 1e6; }

    /**
     * Reads {@code latency: 200ms} or {@code latency: {distribution: uniform|normal|lognormal|fixed, ...}}
     * (min/max; mean/stddev; median/p95; value), reporting problems at their place; null when invalid.
     */
    static LatencyDistribution read(FieldReader parent, String key) {
        if (!(parent.node(key) instanceof dev.cachet.engine.definitions.YamlNode.Mapping)) {
            Duration d = parent.duration(key);
            return d == null ? null : new Fixed(d);
        }
        FieldReader l = parent.mapping(key);
        String kind = l.requiredText("distribution");
        if (kind == null) return null;
        switch (kind) {
            case "fixed" -> {
                l.only("distribution", "value");
                Duration v = required(l, "value");
                return v == null ? null : new Fixed(v);
            }
            case "uniform" -> {
                l.only("distribution", "min", "max");
                Duration min = required(l, "min");
                Duration max = required(l, "max");
                if (min == null || max == null) return null;
                if (max.compareTo(min) <= 0) {
                    l.error("max", "must be more than min (" + min.toMillis() + " ms)");
                    return null;
                }
                return uniform(min, max);
            }
            case "normal" -> {
                l.only("distribution", "mean", "stddev");
                Duration mean = required(l, "mean");
                Duration sd = required(l, "stddev");
                if (mean == null || sd == null) return null;
                if (sd.isZero()) return new Fixed(mean);
                return normal(mean, sd);
            }
            case "lognormal" -> {
                l.only("distribution", "median", "p95");
                Duration median = required(l, "median");
                Duration p95 = required(l, "p95");
                if (median == null || p95 == null) return null;
                if (median.isZero() || p95.compareTo(median) <= 0) {
                    l.error("p95", "must be more than a median above 0 (" + median.toMillis() + " ms)");
                    return null;
                }
                return logNormal(median, p95);
            }
            default -> {
                l.error("distribution", "unknown distribution '" + kind + "' (fixed, uniform, normal, lognormal)");
                return null;
            }
        }
    }

    private static Duration required(FieldReader l, String key) {
        if (!l.has(key)) {
            l.problems().error(l.at(), "missing '" + l.path(key) + "' (a duration such as 250ms)");
            return null;
        }
        return l.duration(key);
    }
}
