package dev.cachet.engine.retrieval;

import java.time.Duration;

/** One query branch of a multi-query retrieval and how it ended. Consumed with an exhaustive switch. */
public sealed interface Branch {

    String query();

    record Answered(String query, QueryResult result) implements Branch { }

    record Failed(String query, String reason, Duration after) implements Branch { }

    record TimedOut(String query, Duration limit) implements Branch { }

    /** One line for the trace: "'how do I…' → 4 chunks, cache l1, 0.3 ms". */
    default String describe() {
        String q = query().length() > 60 ? query().substring(0, 59) + "…" : query();
        return switch (this) {
            case Answered a -> String.format(java.util.Locale.ROOT, "'%s' → %d chunks, cache %s, %.1f ms", q, a.result().chunks().size(),
                    a.result().cache().name().toLowerCase(java.util.Locale.ROOT), a.result().took().toNanos() / 1e6);
            case Failed f -> String.format(java.util.Locale.ROOT, "'%s' → failed after %.1f ms: %s", q, f.after().toNanos() / 1e6, f.reason());
            case TimedOut t -> String.format(java.util.Locale.ROOT, "'%s' → timed out after %d ms, left out", q, t.limit().toMillis());
        };
    }
}
