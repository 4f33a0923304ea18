package dev.cachet.engine.routing;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.SideCalls;
import dev.cachet.engine.routing.text.SchemaVocabulary;

import java.util.List;
import java.util.Locale;

/**
 * The router's fallback: asks a model which route a message belongs to, with the routes' names,
 * descriptions and a few examples (and the connected tables for the data route), and reads one route
 * name back. The prompt is built here until the templates issue ships its classifier template.
 */
public final class LlmClassifier {

    /** What the classifier said. */
    public sealed interface Verdict {
        record Routed(String route, ModelRef model, Usage usage, String answer) implements Verdict { }
        record Failed(String reason) implements Verdict { }
    }

    private final SideCalls calls;
    private final String provider;
    private final String model;

    /**
     * @param providerModel "provider/model" for the classifier, or null for the configured default
     */
    public LlmClassifier(SideCalls calls, String providerModel) {
        this.calls = calls;
        if (providerModel != null && providerModel.contains("/")) {
            int slash = providerModel.indexOf('/');
            this.provider = providerModel.substring(0, slash);
            this.model = providerModel.substring(slash + 1);
        } else {
            this.provider = null;
            this.model = null;
        }
    }

    /** "provider/model" or "default": part of routing-decision cache keys. */
    public String modelId() { return provider == null ? "default" : provider + "/" + model; }

    public Verdict classify(String text, RouteSet routes, SchemaVocabulary schema, Cancellation cancellation)
            throws InterruptedException {
        var request = new ChatRequest(provider, model, prompt(text, routes, schema),
                new ChatParams(0.0, 8, null, List.of(), List.of(), null), null, null, CacheMode.BYPASS);
        ChatResult result = calls.call(request, cancellation);
        return switch (result) {
            case ChatResult.Answered a -> {
                String route = parse(a.text(), routes);
                yield route == null
                        ? new Verdict.Failed("classifier answered '" + shorten(a.text()) + "', not a route name (" + String.join(", ", routes.names()) + ")")
                        : new Verdict.Routed(route, a.model(), a.usage(), a.text());
            }
            case ChatResult.Failed f -> new Verdict.Failed("classifier call failed: " + f.error().oneLine());
            case ChatResult.Cancelled c -> throw new Cancellation.CancelledException();
        };
    }

    static List<ChatMessage> prompt(String text, RouteSet routes, SchemaVocabulary schema) {
        var sb = new StringBuilder("Routes:\n");
        for (RouteDefinition r : routes.routes()) {
            sb.append("- ").append(r.name()).append(": ").append(r.description().strip());
            if (r.schema()) {
                sb.append(schema.isEmpty() ? " (no database is connected: never choose this route)" : " Tables: " + tables(schema));
            }
            if (!r.examples().isEmpty()) {
                sb.append(" Examples: ");
                for (int i = 0; i < Math.min(3, r.examples().size()); i++) sb.append(i == 0 ? "" : "; ").append('"').append(r.examples().get(i)).append('"');
            }
            sb.append('\n');
        }
        sb.append("\nMessage: ").append(text.strip()).append("\nRoute:");
        return List.of(
                ChatMessage.system("You route messages sent to an assistant. Answer with exactly one route name from the list "
                        + "and nothing else. Choose the database route only for questions that the listed tables can answer."),
                ChatMessage.user(sb.toString()));
    }

    private static String tables(SchemaVocabulary schema) {
        var sb = new StringBuilder();
        schema.tables().forEach((t, cols) -> sb.append(sb.isEmpty() ? "" : "; ").append(t).append('(').append(String.join(", ", cols)).append(')'));
        return sb.length() > 1500 ? sb.substring(0, 1500) + "…" : sb.toString();
    }

    /**
     * The route the answer names: its first word, after the decoration models add (quotes, Markdown,
     * a "Route:" prefix, a trailing dot). An answer that starts with anything else is not a decision.
     */
    static String parse(String answer, RouteSet routes) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        a = a.replaceFirst("^(route|answer)\\s*[:=-]\\s*", "");
        var m = java.util.regex.Pattern.compile("^[\\s\"'`*_\\[(]*([a-z0-9_-]+)").matcher(a);
        if (!m.find()) return null;
        String word = m.group(1);
        for (String name : routes.names()) if (name.toLowerCase(Locale.ROOT).equals(word)) return name;
        return null;
    }

    private static String shorten(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= 60 ? t : t.substring(0, 59) + "…";
    }
}
