package dev.cachet.engine.provider;

import dev.cachet.engine.config.InvalidFieldException;

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
        if (timeToFirstToken == null) throw new InvalidFieldException("timeToFirstToken", "needed: a duration, e.g. 250ms");
        if (timeToFirstToken.isNegative()) throw new InvalidFieldException("timeToFirstToken", "must not be negative");
        if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
            throw new InvalidFieldException("tokensPerSecond", "must be a number of at least 0 (0 = all at once), was " + tokensPerSecond);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) throw new InvalidFieldException("errorRate", "must be within 0..1, was " + errorRate);
        if (!(rateLimitRate >= 0 && rateLimitRate <= 1)) throw new InvalidFieldException("rateLimitRate", "must be within 0..1, was " + rateLimitRate);
        if (answerTokens < 1) throw new InvalidFieldException("answerTokens", "must be at least 1, was " + answerTokens);
        if (models == null || models.isEmpty()) throw new InvalidFieldException("models", "the simulator needs at least one model name");
        models = List.copyOf(models);
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
