package dev.cachet.engine.provider;

import java.time.Duration;
import java.util.List;

/**
 * How the built-in simulator behaves.
 *
 * @param timeToFirstToken delay before the first token
 * @param tokensPerSecond  streaming speed after the first token; 0 = all at once
 * @param errorRate        share of calls failing with a server error (0..1)
 * @param rateLimitRate    share of calls refused with 429 (0..1)
 * @param answerTokens     typical answer length in tokens (the exact length varies with the prompt)
 * @param script           scripted mode: rules (a YAML file, or "builtin:NAME") that answer prompts matching a
 *                         regex with a given text; "none" or null = no script. See {@link SimulatorScript}.
 */
public record SimulatorSettings(Duration timeToFirstToken, double tokensPerSecond, double errorRate,
                                double rateLimitRate, int answerTokens, List<String> models, String script) {

    public static final SimulatorSettings DEFAULTS = new SimulatorSettings(
            Duration.ofMillis(250), 60, 0, 0, 60, List.of("sim-small", "sim-large"), "builtin:sample-shop");

    /** Without a script. */
    public SimulatorSettings(Duration timeToFirstToken, double tokensPerSecond, double errorRate, double rateLimitRate,
                             int answerTokens, List<String> models) {
        this(timeToFirstToken, tokensPerSecond, errorRate, rateLimitRate, answerTokens, models, null);
    }

    public SimulatorSettings {
        if (timeToFirstToken.isNegative()) throw new IllegalArgumentException("timeToFirstToken must not be negative");
        if (tokensPerSecond < 0) throw new IllegalArgumentException("tokensPerSecond must not be negative");
        if (errorRate < 0 || errorRate > 1) throw new IllegalArgumentException("errorRate must be within 0..1, was " + errorRate);
        if (rateLimitRate < 0 || rateLimitRate > 1) throw new IllegalArgumentException("rateLimitRate must be within 0..1, was " + rateLimitRate);
        if (answerTokens < 1) throw new IllegalArgumentException("answerTokens must be positive");
        models = List.copyOf(models);
        if (models.isEmpty()) throw new IllegalArgumentException("the simulator needs at least one model name");
    }

    public SimulatorSettings withScript(String s) {
        return new SimulatorSettings(timeToFirstToken, tokensPerSecond, errorRate, rateLimitRate, answerTokens, models, s);
    }

    public SimulatorSettings withLatency(Duration ttft, double tps) {
        return new SimulatorSettings(ttft, tps, errorRate, rateLimitRate, answerTokens, models, script);
    }

    public SimulatorSettings withFailures(double errors, double rateLimits) {
        return new SimulatorSettings(timeToFirstToken, tokensPerSecond, errors, rateLimits, answerTokens, models, script);
    }
}
