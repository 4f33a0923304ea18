package dev.cachet.engine.data;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.SideCalls;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a model for the SQL that answers a question, showing it the schema; on a retry, also the SQL
 * that failed and why. The prompt is built here until the templates issue ships its SQL template.
 * Model calls go through {@link SideCalls}, so the same question on the same schema is an exact-cache
 * hit the second time.
 */
public final class SqlWriter {

    /** One earlier try: the SQL and what was wrong with it. */
    public record Attempt(String sql, String error) { }

    /** What the model wrote. */
    public sealed interface Draft {
        record Written(String sql, String answer, ModelRef model, Usage usage, boolean cached) implements Draft { }
        record Failed(ChatError error) implements Draft { }
    }

    private static final Pattern FENCED = Pattern.compile("```(?:sql)?\\s*(.*?)```", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern START = Pattern.compile("\\b(select|with|delete|update|insert|drop|alter|create|replace|merge|pragma)\\b",
            Pattern.CASE_INSENSITIVE);

    private final SideCalls calls;

    public SqlWriter(SideCalls calls) { this.calls = calls; }

    public Draft write(String question, DatabaseSchema schema, List<Attempt> earlier, ModelRef model, Cancellation cancellation)
            throws InterruptedException {
        var request = new ChatRequest(model.provider(), model.model(), prompt(question, schema, earlier),
                new ChatParams(0.0, 512, null, List.of(), List.of(), null), null, null, CacheMode.USE);
        ChatResult result = calls.call(request, cancellation);
        return switch (result) {
            case ChatResult.Answered a -> new Draft.Written(extract(a.text()), a.text(), a.model(), a.usage(), a.source().fromCache());
            case ChatResult.Failed f -> new Draft.Failed(f.error());
            case ChatResult.Cancelled c -> throw new Cancellation.CancelledException();
        };
    }

    static List<ChatMessage> prompt(String question, DatabaseSchema schema, List<Attempt> earlier) {
        var messages = new ArrayList<ChatMessage>();
        messages.add(ChatMessage.system("You write SQL for a " + schema.product() + " database. Answer with exactly one SELECT "
                + "statement and nothing else: no explanation, no Markdown. Use only the tables and columns listed. "
                + "Never write INSERT, UPDATE, DELETE or DDL: the database is read-only."));
        messages.add(ChatMessage.user("Tables:\n" + schema.describe() + "\nQuestion: " + question.strip() + "\nSQL:"));
        for (Attempt a : earlier) {
            messages.add(ChatMessage.assistant(a.sql()));
            messages.add(ChatMessage.user("That SQL failed: " + a.error() + "\nWrite one corrected SELECT statement.\nQuestion: "
                    + question.strip() + "\nSQL:"));
        }
        return messages;
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
