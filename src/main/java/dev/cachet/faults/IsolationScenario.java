package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TemplateRef;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Cache isolation under attack: requests identical to a cached one but for one thing (system prompt,
 * model, tools, a parameter, template version or id, history, thinking) must not be answered from
 * either cache level, even with the semantic threshold lowered to 0.5 so that any shared namespace
 * would show. Two controls prove the caches were live: the identical request is an exact hit and a
 * paraphrase in the same namespace a semantic hit.
 */
final class IsolationScenario implements Scenario {

    private static final String QUESTION = "What is the refund policy for damaged items?";

    @Override public String name() { return "isolation"; }

    @Override public String description() {
        return "near-identical requests differing in system prompt, model, tools, params, template, history: zero cross hits at both levels";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        var semantic = new SemanticSettings(true, "minilm-l6-v2", 1.0, 0.5, 0.5, 3, 0, 0.5, 5, 3_000, Map.of(), null, 32, null);
        var sim = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);
        var config = CachetConfig.defaults().withSimulator(sim).withDefaultProvider(SimulatorProvider.ID).withSemantic(semantic);
        var options = new EngineOptions(ctx.dir(name()), config, false, InstantSource.system(), Environment.of(Map.of()), ModelCatalogue.builtIn());
        var variants = new LinkedHashMap<String, UnaryOperator<ChatRequest>>();
        variants.put("systemPrompt", r -> with(r, List.of(ChatMessage.system("You are a pirate."), ChatMessage.user(QUESTION))));
        variants.put("model", r -> r.withTarget(SimulatorProvider.ID, "sim-large"));
        variants.put("tools", r -> r.withParams(new ChatParams(0.0, null, null, null, List.of("{\"name\":\"lookup_order\"}"), null)));
        variants.put("temperature", r -> r.withParams(r.params().withTemperature(0.2)));
        variants.put("maxTokens", r -> r.withParams(r.params().withMaxTokens(64)));
        variants.put("topP", r -> r.withParams(new ChatParams(0.0, null, 0.5, null, null, null)));
        variants.put("stop", r -> r.withParams(new ChatParams(0.0, null, null, List.of("END"), null, null)));
        variants.put("responseFormat", r -> r.withParams(new ChatParams(0.0, null, null, null, null, "json_object")));
        variants.put("think", r -> r.withParams(r.params().withThink(true)));
        variants.put("templateVersion", r -> template(r, new TemplateRef("support", "v2")));
        variants.put("templateId", r -> template(r, new TemplateRef("billing", "v1")));
        variants.put("history", r -> with(r, List.of(ChatMessage.system("You help customers."), ChatMessage.user("I bought a lamp."),
                ChatMessage.assistant("Sorry to hear it arrived broken."), ChatMessage.user(QUESTION))));
        var result = new ScenarioResult.Builder(name());
        var crossHits = new ArrayList<String>();
        var sources = new LinkedHashMap<String, Object>();
        try (var engine = Engine.open(options)) {
            engine.semantic().awaitRebuilt(Duration.ofMinutes(1));
            ChatRequest base = template(with(FaultEngines.request(SimulatorProvider.ID, QUESTION),
                    List.of(ChatMessage.system("You help customers."), ChatMessage.user(QUESTION))), new TemplateRef("support", "v1"));
            ctx.say(name() + ": one cached request, then " + variants.size() + " variants that differ in one thing each");
            ask(engine, base);
            String same = ask(engine, base).name();
            String paraphrase = ask(engine, with(base, List.of(ChatMessage.system("You help customers."),
                    ChatMessage.user("What's the refund policy for items that arrived damaged?")))).name();
            for (var v : variants.entrySet()) {
                AnswerSource source = ask(engine, v.getValue().apply(base));
                sources.put(v.getKey(), source.name());
                if (source != AnswerSource.MODEL) crossHits.add(v.getKey() + " (" + source + ")");
            }
            result.sent(variants.size() + 3L).answered(variants.size() + 3L)
                    .figure("controlIdentical", same)
                    .figure("controlParaphrase", paraphrase)
                    .figure("variants", sources)
                    .figure("crossHits", crossHits.size());
            result.check(crossHits.isEmpty(), "cross hits: " + crossHits)
                    .check(same.equals("EXACT_CACHE"), "the identical request was not an exact hit (" + same + "): the caches were not live")
                    .check(paraphrase.equals("SEMANTIC_CACHE"), "the paraphrase was not a semantic hit (" + paraphrase + "): the semantic level was not live");
        }
        return result.build();
    }

    private static AnswerSource ask(Engine engine, ChatRequest r) {
        var result = engine.pipeline().execute(r, TokenListener.NONE, new Cancellation());
        if (!(result instanceof ChatResult.Answered a)) throw new IllegalStateException("not answered: " + result);
        // The store-back is write-behind but L1 and the semantic index take it at once: the next request sees it.
        return a.source();
    }

    private static ChatRequest with(ChatRequest r, List<ChatMessage> messages) {
        return new ChatRequest(r.provider(), r.model(), messages, r.params(), r.template(), r.sessionId(), CacheMode.USE);
    }

    private static ChatRequest template(ChatRequest r, TemplateRef t) {
        return new ChatRequest(r.provider(), r.model(), r.messages(), r.params(), t, r.sessionId(), CacheMode.USE);
    }
}
