package dev.cachet.engine.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A provider's retry, breaker, limits and timeouts beyond its top-level fields ({@code requestsPerSecond},
 * {@code burst}, {@code firstTokenTimeout}, {@code timeout}): the {@code resilience:} block of a provider
 * entry in cachet.yaml. Every field may be left out; the defaults are those a fresh install runs with.
 */
public record ProviderResilience(Retry retry, Breaker breaker, Limits limits, Timeouts timeouts) {

    public static final ProviderResilience DEFAULTS = new ProviderResilience(null, null, null, null);

    public ProviderResilience {
        retry = retry == null ? Retry.DEFAULTS : retry;
        breaker = breaker == null ? Breaker.DEFAULTS : breaker;
        limits = limits == null ? Limits.DEFAULTS : limits;
        timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
    }

    /**
     * @param maxAttempts attempts per provider for a transient failure, the first included
     * @param baseDelay   wait after the first failure; doubles each further failure
     * @param maxDelay    longest single wait (a longer Retry-After means: fall back instead)
     * @param maxTotal    longest a request spends on retries and their waits, per provider
     */
    public record Retry(Integer maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal) {
        public static final Retry DEFAULTS = new Retry(null, null, null, null);

        public Retry {
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
            baseDelay = baseDelay == null ? Duration.ofMillis(250) : baseDelay;
            maxDelay = maxDelay == null ? Duration.ofSeconds(8) : maxDelay;
            maxTotal = maxTotal == null ? Duration.ofSeconds(30) : maxTotal;
            if (maxAttempts < 1 || maxAttempts > 20) throw new InvalidFieldException("maxAttempts", "must be within 1..20, was " + maxAttempts);
            positive("baseDelay", baseDelay);
            positive("maxDelay", maxDelay);
            positive("maxTotal", maxTotal);
            if (maxDelay.compareTo(baseDelay) < 0) throw new InvalidFieldException("maxDelay", "must not be shorter than baseDelay (" + DurationText.format(baseDelay) + ")");
        }
    }

    /**
     * @param failureThreshold consecutive failures that open the breaker
     * @param coolDown         how long it stays open before one probe request is let through
     */
    public record Breaker(Integer failureThreshold, Duration coolDown) {
        public static final Breaker DEFAULTS = new Breaker(null, null);

        public Breaker {
            failureThreshold = failureThreshold == null ? 5 : failureThreshold;
            coolDown = coolDown == null ? Duration.ofSeconds(30) : coolDown;
            if (failureThreshold < 1 || failureThreshold > 1000) {
                throw new InvalidFieldException("failureThreshold", "must be within 1..1000, was " + failureThreshold);
            }
            positive("coolDown", coolDown);
        }
    }

    /**
     * @param tokensPerMinute input + output tokens a minute; 0 = no budget
     * @param maxConcurrency  most requests in flight (the adaptive limit stays below it)
     * @param maxWait         longest a request queues for a slot before it fails (or falls back)
     * @param models          limits of single models, by model name: a model's requests pass both
     */
    public record Limits(Long tokensPerMinute, Integer maxConcurrency, Duration maxWait, Map<String, ModelLimits> models) {
        public static final Limits DEFAULTS = new Limits(null, null, null, null);

        public Limits {
            tokensPerMinute = tokensPerMinute == null ? 0L : tokensPerMinute;
            maxConcurrency = maxConcurrency == null ? 64 : maxConcurrency;
            maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
            models = models == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
            if (tokensPerMinute < 0) throw new InvalidFieldException("tokensPerMinute", "must not be negative, was " + tokensPerMinute);
            if (maxConcurrency < 1 || maxConcurrency > 10_000) throw new InvalidFieldException("maxConcurrency", "must be within 1..10000, was " + maxConcurrency);
            if (maxWait.isNegative() || maxWait.compareTo(Duration.ofHours(1)) > 0) throw new InvalidFieldException("maxWait", "must be within 0..1h");
        }
    }

    /** One model's own limits; a field left out means no limit of that kind for the model. */
    public record ModelLimits(Double requestsPerSecond, Integer burst, Long tokensPerMinute, Integer maxConcurrency) {
        public ModelLimits {
            requestsPerSecond = requestsPerSecond == null ? 0.0 : requestsPerSecond;
            burst = burst == null ? 1 : burst;
            tokensPerMinute = tokensPerMinute == null ? 0L : tokensPerMinute;
            maxConcurrency = maxConcurrency == null ? 10_000 : maxConcurrency;
            if (requestsPerSecond < 0 || requestsPerSecond > 100_000) throw new InvalidFieldException("requestsPerSecond", "must be within 0..100000, was " + requestsPerSecond);
            if (burst < 1) throw new InvalidFieldException("burst", "must be at least 1, was " + burst);
            if (tokensPerMinute < 0) throw new InvalidFieldException("tokensPerMinute", "must not be negative, was " + tokensPerMinute);
            if (maxConcurrency < 1) throw new InvalidFieldException("maxConcurrency", "must be at least 1, was " + maxConcurrency);
        }
    }

    /**
     * @param connect how long to wait for the TCP/TLS connection
     * @param total   longest a whole call may take, streaming included (0 = no limit beyond the others)
     */
    public record Timeouts(Duration connect, Duration total) {
        public static final Timeouts DEFAULTS = new Timeouts(null, null);

        public Timeouts {
            connect = connect == null ? Duration.ofSeconds(10) : connect;
            total = total == null ? Duration.ZERO : total;
            positive("connect", connect);
            if (total.isNegative()) throw new InvalidFieldException("total", "must not be negative");
        }
    }

    private static void positive(String field, Duration d) {
        if (!d.isPositive()) throw new InvalidFieldException(field, "must be longer than 0, was " + DurationText.format(d));
    }
}
