package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A level whose hit rate is charted: series {@code hitRate.<name>} = requests it hit / requests
 * finished in that second. Adding a level (retrieval, routing) is one line in {@link #DEFAULTS}.
 *
 * @param hit whether a finished request counts as a hit of this level
 */
public record HitLevel(String name, Predicate<ChatResult> hit) {

    public static final List<HitLevel> DEFAULTS = List.of(
            answeredBy("exact", AnswerSource.EXACT_CACHE),
            answeredBy("semantic", AnswerSource.SEMANTIC_CACHE),
            traceDecision("retrieval", "retrieve", "hit"));

    public HitLevel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hit, "hit");
    }

    /** A level that answers requests itself (the response caches). */
    public static HitLevel answeredBy(String name, AnswerSource source) {
        return new HitLevel(name, r -> r instanceof ChatResult.Answered a && a.source() == source);
    }

    /** A level that helps without answering (retrieval or routing-decision cache): its trace entry says "hit". */
    public static HitLevel traceDecision(String name, String stage, String decision) {
        return new HitLevel(name, r -> r.trace().entry(stage).map(e -> e.decision().equals(decision)).orElse(false));
    }
}
