package dev.cachet.engine.routing;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.SideCalls;
import dev.cachet.engine.routing.text.SchemaVocabulary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The router's fallback: asks a model which route a message belongs to by rendering the shipped
 * {@value #TEMPLATE} template (prompts/routing/route-classifier.yaml; a copy in the prompts folder wins)
 * with the routes' names, descriptions and a few examples, and the connected tables for the schema
 * route, and reads one route name back. The call is an ordinary template request through the
 * side-call pipeline (render, resolve, generate), so its trace names the template's id@version; it
 * bypasses the exact cache because the routing-decision cache keeps its decisions, keyed by
 * {@link #cacheIdentity()} (model and template version) among the rest.
 */
public final class LlmClassifier {

    /** The template the classifier renders. */
    public static final String TEMPLATE = "route-classifier";

    /** What the classifier said. */
    public sealed interface Verdict {
        /** @param template the template's id@version as rendered */
        record Routed(String route, ModelRef model, Usage usage, String answer, String template) implements Verdict { }
        record Failed(String reason) implements Verdict { }
    }

    private final SideCalls calls;
    private final String provider;
    private final String model;
    private final Supplier<String> templateVersion;

    /**
     * @param providerModel   "provider/model" for the classifier, or null for the configured default
     * @param templateVersion the version of the {@value #TEMPLATE} template serving now ("none" when there is none)
     */
    public LlmClassifier(SideCalls calls, String providerModel, Supplier<String> templateVersion) {
        this.calls = calls;
        this.templateVersion = templateVersion;
        if (providerModel != null && providerModel.contains("/")) {
            int slash = providerModel.indexOf('/');
            this.provider = providerModel.substring(0, slash);
            this.model = providerModel.substring(slash + 1);
        } else {
            this.provider = null;
            this.model = null;
        }
    }

    /** "provider/model" or "default". */
    public String modelId() { return provider == null ? "default" : provider + "/" + model; }

    /** Model and template version: part of routing-decision cache keys, so an edited template never serves old decisions. */
    public String cacheIdentity() { return modelId() + " " + TEMPLATE + "@" + templateVersion.get(); }

    public Verdict classify(String text, RouteSet routes, SchemaVocabulary schema, Cancellation cancellation)
            throws InterruptedException {
        var request = ChatRequest.ofTemplate(new TemplateInvocation(TEMPLATE, null, variables(text, routes, schema)), List.of(), null)
                .withTarget(provider, model).withCacheMode(CacheMode.BYPASS);
        ChatResult result = calls.call(request, cancellation);
        return switch (result) {
            case ChatResult.Answered a -> {
                String route = parse(a.text(), routes);
                yield route == null
                        ? new Verdict.Failed("classifier answered '" + shorten(a.text()) + "', not a route name (" + String.join(", ", routes.names()) + ")")
                        : new Verdict.Routed(route, a.model(), a.usage(), a.text(), rendered(a));
            }
            case ChatResult.Failed f -> new Verdict.Failed("classifier call failed: " + f.error().oneLine());
            case ChatResult.Cancelled c -> throw new Cancellation.CancelledException();
        };
    }

    /** The template's variables: the message, the routes (three examples each), the tables when a route is scored against them. */
    static Map<String, Object> variables(String text, RouteSet routes, SchemaVocabulary schema) {
        var list = new ArrayList<Map<String, Object>>();
        boolean schemaRoute = false;
        for (RouteDefinition r : routes.routes()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", r.name());
            String description = r.description().strip();
            if (r.schema()) {
                schemaRoute = true;
                if (schema.isEmpty()) description += " (no database is connected: never choose this route)";
            }
            m.put("description", description);
            m.put("examples", r.examples().subList(0, Math.min(3, r.examples().size())));
            list.add(m);
        }
        var tables = new ArrayList<Map<String, Object>>();
        if (schemaRoute) {
            int chars = 0;
            for (var e : schema.tables().entrySet()) {
                if (chars > MAX_SCHEMA_CHARS) break; // a large schema: the first tables tell the model what the database is about
                tables.add(Map.of("name", e.getKey(), "columns", e.getValue()));
                chars += e.getKey().length() + String.join(", ", e.getValue()).length();
            }
        }
        var vars = new LinkedHashMap<String, Object>();
        vars.put("question", text.strip());
        vars.put("routes", list);
        vars.put("tables", tables);
        return vars;
    }

    private static final int MAX_SCHEMA_CHARS = 1500;

    /** The template's id@version the side call rendered, from its trace. */
    static String rendered(ChatResult.Answered a) {
        return a.trace().entry("render").map(e -> e.details().getOrDefault("template", TEMPLATE)).orElse(TEMPLATE);
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
