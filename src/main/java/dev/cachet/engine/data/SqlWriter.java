package dev.cachet.engine.data;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.SideCalls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a model for the SQL that answers a question by rendering the SQL template (the shipped
 * {@value #TEMPLATE}, prompts/data/sql-generator.yaml, unless the data route's target names another)
 * with the schema, the dialect and the row limit; on a retry, also the SQL that failed and why. The call
 * is an ordinary template request through {@link SideCalls} (render, resolve, exact cache, generate):
 * its key holds the template's id@version, so the same question on the same schema is an exact-cache
 * hit the second time, and editing the template never serves SQL written from its old text.
 */
public final class SqlWriter {

    /** The template the SQL writer renders unless a route names another. */
    public static final String TEMPLATE = "sql-generator";

    /** One earlier try: the SQL and what was wrong with it. */
    public record Attempt(String sql, String error) { }

    /** What the model wrote. */
    public sealed interface Draft {
        /** @param template the template's id@version as rendered */
        record Written(String sql, String answer, ModelRef model, Usage usage, boolean cached, String template) implements Draft { }
        record Failed(ChatError error) implements Draft { }
    }

    private static final Pattern FENCED = Pattern.compile("```(?:sql)?\\s*(.*?)```", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern START = Pattern.compile("\\b(select|with|delete|update|insert|drop|alter|create|replace|merge|pragma)\\b",
            Pattern.CASE_INSENSITIVE);

    private final SideCalls calls;
    private final int rowLimit;

    public SqlWriter(SideCalls calls, int rowLimit) {
        this.calls = calls;
        this.rowLimit = rowLimit;
    }

    /** @param template the template to render, or null for {@value #TEMPLATE} */
    public Draft write(String question, DatabaseSchema schema, List<Attempt> earlier, ModelRef model, String template,
                       Cancellation cancellation) throws InterruptedException {
        String id = template == null ? TEMPLATE : template;
        var request = ChatRequest.ofTemplate(new TemplateInvocation(id, null, variables(question, schema, earlier, rowLimit)), List.of(), null)
                .withTarget(model.provider(), model.model());
        ChatResult result = calls.call(request, cancellation);
        return switch (result) {
            case ChatResult.Answered a -> new Draft.Written(extract(a.text()), a.text(), a.model(), a.usage(), a.source().fromCache(),
                    a.trace().entry("render").map(e -> e.details().getOrDefault("template", id)).orElse(id));
            case ChatResult.Failed f -> new Draft.Failed(f.error());
            case ChatResult.Cancelled c -> throw new Cancellation.CancelledException();
        };
    }

    /** The template's variables: the question, the tables ({name, columns: ["name type", ...]}), dialect, row limit, the last failure. */
    static Map<String, Object> variables(String question, DatabaseSchema schema, List<Attempt> earlier, int rowLimit) {
        var tables = new ArrayList<Map<String, Object>>();
        for (DatabaseSchema.Table t : schema.tables()) {
            var columns = new ArrayList<String>();
            for (DatabaseSchema.Column c : t.columns()) {
                columns.add(c.type() == null || c.type().isBlank() ? c.name() : c.name() + " " + c.type().toLowerCase(Locale.ROOT));
            }
            tables.add(Map.of("name", t.name(), "columns", columns));
        }
        var vars = new LinkedHashMap<String, Object>();
        vars.put("question", question.strip());
        vars.put("tables", tables);
        vars.put("dialect", schema.product());
        vars.put("row_limit", rowLimit);
        if (!earlier.isEmpty()) {
            Attempt last = earlier.getLast();
            vars.put("previous_sql", last.sql());
            vars.put("error", last.error());
        }
        return vars;
    }

    /** The SQL in a model's answer: a fenced block if there is one, else from the first SQL keyword on. */
    static String extract(String answer) {
        String text = answer.strip();
        Matcher f = FENCED.matcher(text);
        if (f.find()) text = f.group(1).strip();
        Matcher s = START.matcher(text);
        if (s.find()) text = text.substring(s.start());
        while (text.endsWith(";")) text = text.substring(0, text.length() - 1).stripTrailing();
        return text;
    }
}
