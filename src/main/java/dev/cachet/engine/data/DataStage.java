package dev.cachet.engine.data;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.routing.RouteDefinition;
import dev.cachet.engine.routing.RoutingPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage "data", right after routing: a message the router sent to the schema route is answered from
 * the connected database. The model writes SQL ({@link SqlWriter}); {@link SqlCheck} lets only one
 * read-only SELECT through; it runs on a read-only connection with a row limit and a timeout, its rows
 * cached by normalised SQL and database ({@link ResultCache}); the answer is made from the rows. Bad
 * SQL goes back to the model with the error (data.sqlRetries times), then the failure is shown with
 * the SQL. SQL that writes is never executed. Answers from rows are never stored by the response
 * caches (they age with the data), and the semantic cache never sees these requests.
 *
 * <p>Trace details: sql, result (JSON rows for the chat's table), rowCount, truncated, resultCache
 * (hit/miss), attempts, database, and per attempt what went wrong.
 */
public final class DataStage implements Stage {

    private final DataSource source;
    private final SqlWriter writer;
    private final SqlCheck check;
    private final ResultCache cache;
    private final DataSettings settings;
    private final PriceTable prices;

    public DataStage(DataSource source, SqlWriter writer, SqlCheck check, ResultCache cache, DataSettings settings, PriceTable prices) {
        this.source = source;
        this.writer = writer;
        this.check = check;
        this.cache = cache;
        this.settings = settings;
        this.prices = prices;
    }

    @Override public String name() { return "data"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        RouteDefinition route = ctx.get(RoutingPlan.ROUTE).orElse(null);
        if (route == null || !route.schema()) {
            return new StageResult.Continue(StageResult.Note.of("skipped", route == null ? "not routed" : "route '" + route.name() + "'"));
        }
        ConnectedDatabase db = source.database().orElse(null);
        if (db == null) return new StageResult.Continue(StageResult.Note.of("skipped", "no database connected: " + source.status()));
        String question = ctx.request().lastUserText();
        var details = new LinkedHashMap<String, String>();
        details.put("database", db.identity());
        var earlier = new ArrayList<SqlWriter.Attempt>();
        int tokensIn = 0;
        int tokensOut = 0;
        double cost = 0;
        ModelRef model = ctx.model().ref();
        for (int attempt = 1; attempt <= 1 + settings.sqlRetries(); attempt++) {
            details.put("attempts", Integer.toString(attempt));
            var draft = writer.write(question, db.schema(), earlier, ctx.model().ref(), ctx.cancellation());
            switch (draft) {
                case SqlWriter.Draft.Failed f -> {
                    return fail("failed", "the model did not write SQL: " + f.error().oneLine(), f.error(), details, tokensIn, tokensOut, cost);
                }
                case SqlWriter.Draft.Written w -> {
                    model = w.model();
                    if (!w.cached()) {
                        tokensIn += w.usage().inputTokens();
                        tokensOut += w.usage().outputTokens();
                        cost += prices.cost(w.model(), w.usage());
                    }
                    details.put("sql", w.sql());
                    details.put("sqlModel", w.model() + (w.cached() ? " (exact cache)" : ""));
                    switch (check.check(w.sql())) {
                        case SqlCheck.Verdict.Refused r -> {
                            details.put("attempt" + attempt, "refused, not executed: " + r.reason());
                            details.put("executed", "false");
                            if (attempt > settings.sqlRetries()) {
                                return fail("refused", "the model's SQL was refused and not executed: " + r.reason(),
                                        new ChatError(ChatError.Kind.BAD_REQUEST, "the model wrote SQL that is not a single read-only SELECT: "
                                                + r.reason() + " — it was not executed", "rephrase the question as something to look up; the SQL is in the trace"),
                                        details, tokensIn, tokensOut, cost);
                            }
                            earlier.add(new SqlWriter.Attempt(w.sql(), r.reason()));
                        }
                        case SqlCheck.Verdict.Unparsable u -> {
                            details.put("attempt" + attempt, "does not parse: " + u.error());
                            if (attempt > settings.sqlRetries()) {
                                return fail("failed", "the model's SQL does not parse: " + u.error(),
                                        new ChatError(ChatError.Kind.BAD_REQUEST, "the model's SQL does not parse: " + u.error(),
                                                "rephrase the question; the SQL is in the trace"), details, tokensIn, tokensOut, cost);
                            }
                            earlier.add(new SqlWriter.Attempt(w.sql(), u.error()));
                        }
                        case SqlCheck.Verdict.Accepted a -> {
                            details.put("sql", a.normalized());
                            String key = ResultCache.key(db.identity(), a.normalized(), settings.rowLimit());
                            var cached = cache.get(key);
                            QueryResult result;
                            if (cached.isPresent()) {
                                result = cached.get();
                                details.put("resultCache", "hit");
                            } else {
                                try {
                                    result = db.query(a.normalized(), settings.rowLimit(), settings.queryTimeout());
                                } catch (DataException e) {
                                    details.put("attempt" + attempt, "failed to run: " + e.getMessage());
                                    if (attempt > settings.sqlRetries()) {
                                        return fail("failed", "the model's SQL failed: " + e.getMessage(),
                                                new ChatError(ChatError.Kind.BAD_REQUEST, "the model's SQL failed on " + db.identity() + ": "
                                                        + e.getMessage(), "rephrase the question; the SQL is in the trace"), details, tokensIn, tokensOut, cost);
                                    }
                                    earlier.add(new SqlWriter.Attempt(a.normalized(), e.getMessage()));
                                    continue;
                                }
                                cache.put(key, db.identity(), a.normalized(), result);
                                details.put("resultCache", "miss");
                            }
                            details.put("executed", "true");
                            details.put("rowCount", Integer.toString(result.rows().size()));
                            details.put("truncated", Boolean.toString(result.truncated()));
                            details.put("queryMs", String.format(java.util.Locale.ROOT, "%.1f", result.elapsed().toNanos() / 1e6));
                            details.put("result", result.toJson());
                            String reason = result.rows().size() + (result.rows().size() == 1 ? " row" : " rows")
                                    + (result.truncated() ? " (row limit)" : "") + " from " + db.identity()
                                    + ("hit".equals(details.get("resultCache")) ? ", result cached" : "") + (attempt > 1 ? " after " + attempt + " attempts" : "");
                            var note = new StageResult.Note("answered", reason, tokensIn, tokensOut, cost, details);
                            return new StageResult.Answer(note, DataAnswer.text(result), AnswerSource.DATA, model,
                                    new Usage(tokensIn, tokensOut), FinishReason.STOP, false);
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("unreachable: every attempt returns or continues");
    }

    private static StageResult fail(String decision, String reason, ChatError error, Map<String, String> details, int in, int out, double cost) {
        return new StageResult.Fail(new StageResult.Note(decision, reason, in, out, cost, details), error, "");
    }
}
