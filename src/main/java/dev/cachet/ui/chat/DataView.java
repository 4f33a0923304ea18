package dev.cachet.ui.chat;

import dev.cachet.engine.data.QueryResult;
import dev.cachet.engine.trace.Trace;

import java.util.Optional;

/**
 * What the chat shows of a data-route answer: the SQL the model wrote and, when it ran, the rows.
 *
 * @param result  the rows, or null when the SQL did not run (refused, failed)
 * @param outcome one line: "24 rows from …", "refused: …", "failed: …"
 */
public record DataView(String sql, QueryResult result, String outcome) {

    /** From the data stage's trace entry, when the data route handled the request. */
    public static Optional<DataView> of(Trace trace) {
        if (trace == null) return Optional.empty();
        return trace.entry("data").filter(e -> e.details().containsKey("sql")).map(e -> {
            String json = e.details().get("result");
            QueryResult rows = json == null ? null : QueryResult.fromJson(json);
            return new DataView(e.details().get("sql"), rows, e.decision() + ": " + e.reason());
        });
    }
}
