package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;

import java.util.EnumMap;
import java.util.Map;

/**
 * How a finished request ended, as counted by {@link MetricsRegistry}. A new cache level is one
 * constant here (with its {@link AnswerSource}); class initialisation fails if a source has none.
 */
public enum Outcome {
    EXACT_HIT("exact", AnswerSource.EXACT_CACHE),
    SEMANTIC_HIT("semantic", AnswerSource.SEMANTIC_CACHE),
    MODEL_CALL("model", AnswerSource.MODEL),
    REPEAT("repeat", AnswerSource.REPEAT),
    DATA_QUERY("data", AnswerSource.DATA),
    ERROR("error", null),
    CANCELLED("cancelled", null);

    private static final Map<AnswerSource, Outcome> BY_SOURCE = new EnumMap<>(AnswerSource.class);

    static {
        for (Outcome o : values()) if (o.source != null) BY_SOURCE.put(o.source, o);
        for (AnswerSource s : AnswerSource.values()) {
            if (!BY_SOURCE.containsKey(s)) throw new ExceptionInInitializerError("no Outcome for AnswerSource." + s);
        }
    }

    private final String key;
    private final AnswerSource source;

    Outcome(String key, AnswerSource source) {
        this.key = key;
        this.source = source;
    }

    /** Short stable name used in series names and history rows ("exact", "model", "error"). */
    public String key() { return key; }

    public static Outcome of(AnswerSource source) { return BY_SOURCE.get(source); }

    public static Outcome of(ChatResult result) {
        return switch (result) {
            case ChatResult.Answered a -> of(a.source());
            case ChatResult.Failed f -> ERROR;
            case ChatResult.Cancelled c -> CANCELLED;
        };
    }
}
