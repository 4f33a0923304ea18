package dev.cachet.engine.routing;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.trace.TraceEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing as the engine wires it: prefilter → route → complexity → data → exact → semantic → retrieve → generate. */
class RoutingPipelineTest {

    @TempDir Path dir;

    static final SimulatorSettings FAST = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);

    private Engine open(RoutingSettings routing, String script) {
        var config = CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(FAST.withScript(script)).withRouting(routing);
        return Engine.open(new EngineOptions(dir, config, false, InstantSource.system()));
    }

    static RoutingSettings plain() {
        return RoutingSettings.DEFAULTS.withFallback(false, false)
                .withTiers(Map.of("small", "simulator/sim-small", "large", "simulator/sim-large"));
    }

    static ChatResult ask(Engine engine, ChatRequest request) {
        return engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
    }

    static ChatRequest prompt(String text) {
        return new ChatRequest(null, null, List.of(ChatMessage.user(text)), ChatParams.DEFAULTS, null, null, CacheMode.USE);
    }

    static TraceEntry entry(ChatResult r, String stage) { return r.trace().entry(stage).orElseThrow(); }

    @Test void stagesRunInTheDesignedOrder() {
        try (var engine = open(plain(), null)) {
            assertThat(engine.pipeline().stageNames())
                    .containsExactly("render", "resolve", "prefilter", "route", "complexity", "data", "exact", "semantic", "retrieve", "generate");
        }
    }

    @Test void aGreeting_isTrivial_skipsRetrieval_andGoesToTheSmallTier() {
        try (var engine = open(plain(), null)) {
            var r = ask(engine, prompt("hello there!"));
            assertThat(entry(r, "route").decision()).isEqualTo("greeting");
            var complexity = entry(r, "complexity");
            assertThat(complexity.decision()).isEqualTo("trivial");
            assertThat(complexity.details()).containsEntry("skipRetrieval", "true").containsEntry("topK", "0");
            assertThat(((ChatResult.Answered) r).model().model()).isEqualTo("sim-small");
        }
    }

    @Test void compare_getsTheLargeBudgetAndTier() {
        try (var engine = open(plain(), null)) {
            var r = ask(engine, prompt("Compare the trade-offs of optimistic and pessimistic locking for an order system"));
            var complexity = entry(r, "complexity");
            assertThat(complexity.decision()).isEqualTo("complex");
            assertThat(complexity.details()).containsEntry("tier", "large").containsEntry("maxTokens", "1536 (budget)");
            assertThat(((ChatResult.Answered) r).model().model()).isEqualTo("sim-large");
        }
    }

    @Test void aRequestThatNamesItsModelAndBudget_keepsThem() {
        try (var engine = open(plain(), null)) {
            var request = new ChatRequest("simulator", "sim-small",
                    List.of(ChatMessage.user("Compare all the sorting algorithms you know in depth")),
                    ChatParams.DEFAULTS.withMaxTokens(50), null, null, CacheMode.USE);
            var r = ask(engine, request);
            assertThat(entry(r, "complexity").details()).containsEntry("maxTokens", "50 (set by the request)");
            assertThat(entry(r, "complexity").details().get("model")).contains("the request names its model");
            assertThat(((ChatResult.Answered) r).model().model()).isEqualTo("sim-small");
        }
    }

    @Test void aRequestThatNamesOnlyItsProvider_staysWithIt_noTierApplied() {
        // `chat --provider simulator "..."` with a tier on another server must not be sent there.
        try (var engine = open(plain(), null)) {
            var request = new ChatRequest("simulator", null,
                    List.of(ChatMessage.user("Compare all the sorting algorithms you know in depth")),
                    ChatParams.DEFAULTS, null, null, CacheMode.USE);
            var r = ask(engine, request);
            assertThat(entry(r, "complexity").details()).containsEntry("tier", "large");
            assertThat(entry(r, "complexity").details().get("model")).contains("the request names its provider");
            assertThat(((ChatResult.Answered) r).model().model()).isEqualTo("sim-small");
        }
    }

    @Test void listAll_onTheSampleDatabase_isComprehensive_largeTier_andAnsweredFromRows() {
        try (var engine = open(plain(), "builtin:sample-shop")) {
            var r = ask(engine, prompt("List all customers"));
            assertThat(entry(r, "route").decision()).isEqualTo("data");
            assertThat(entry(r, "complexity").decision()).isEqualTo("comprehensive");
            assertThat(entry(r, "complexity").details()).containsEntry("tier", "large");
            var answered = (ChatResult.Answered) r;
            assertThat(answered.source()).isEqualTo(AnswerSource.DATA);
            assertThat(entry(r, "data").details()).containsEntry("rowCount", "24");
        }
    }

    @Test void theLlmFallback_decidesUnsureMessages_andItsDecisionSurvivesARestart() throws Exception {
        Path script = dir.resolve("classifier.yaml");
        Files.writeString(script, """
                rules:
                  - match: "(?is)Routes:.*user: hey, i want to tell you about my weekend"
                    answer: "greeting"
                """);
        // A greeting word in a longer message: some evidence, not enough; below 0.99 counts as unsure.
        var routing = plain().withConfidenceThreshold(0.99).withFallback(true, false);
        try (var engine = open(routing, script.toString())) {
            var r = ask(engine, prompt("Hey, I want to tell you about my weekend"));
            var route = entry(r, "route");
            assertThat(route.decision()).isEqualTo("greeting");
            assertThat(route.details()).containsEntry("method", "llm").containsEntry("classifier", "simulator/sim-small");
            assertThat(route.tokensIn()).isPositive();
            assertThat(engine.routing().router().cache().size()).isEqualTo(1);
        }
        try (var engine = open(routing, script.toString())) {
            var r = ask(engine, prompt("hey, i want to tell you about my weekend!"));
            var route = entry(r, "route");
            assertThat(route.decision()).isEqualTo("greeting");
            assertThat(route.details()).containsEntry("method", "llm-cached");
            assertThat(route.tokensIn()).isZero();
            assertThat(route.reason()).contains("decision cached");
        }
    }

    @Test void aClassifierAnswerThatIsNoRoute_leavesTheHeuristicGuess_andSaysWhy() {
        var routing = plain().withConfidenceThreshold(0.99).withFallback(true, false);
        try (var engine = open(routing, null)) {
            var r = ask(engine, prompt("hey, tell me about the weather on mars"));
            var route = entry(r, "route");
            assertThat(route.details()).containsEntry("method", "unsure");
            assertThat(route.reason()).contains("not a route name");
            assertThat(engine.routing().router().cache().size()).isZero();
        }
    }

    @Test void prefilter_refusesAnEmptyMessage_withAReason() {
        try (var engine = open(plain(), null)) {
            var r = ask(engine, prompt("   "));
            assertThat(r).isInstanceOf(ChatResult.Failed.class);
            var failed = (ChatResult.Failed) r;
            assertThat(failed.error().kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
            assertThat(failed.error().message()).contains("empty");
            assertThat(entry(r, "prefilter").decision()).isEqualTo("refused");
        }
    }

    @Test void prefilter_answersTheSameMessageAgainInASession_withTheAnswerItGot() {
        try (var engine = open(plain(), null)) {
            var first = new ChatRequest(null, null, List.of(ChatMessage.user("Explain what a mutex is")), ChatParams.DEFAULTS,
                    null, "session-1", CacheMode.USE);
            var a = (ChatResult.Answered) ask(engine, first);
            var again = new ChatRequest(null, null, List.of(ChatMessage.user("Explain what a mutex is"),
                    ChatMessage.assistant(a.text()), ChatMessage.user("explain what a mutex is!")), ChatParams.DEFAULTS,
                    null, "session-1", CacheMode.USE);
            var b = (ChatResult.Answered) ask(engine, again);
            assertThat(b.source()).isEqualTo(AnswerSource.REPEAT);
            assertThat(b.text()).isEqualTo(a.text());
            assertThat(entry(b, "prefilter").decision()).isEqualTo("repeat");
            var regenerate = (ChatResult.Answered) ask(engine, again.withCacheMode(CacheMode.REFRESH));
            assertThat(regenerate.source()).isEqualTo(AnswerSource.MODEL);
            var otherSession = new ChatRequest(null, null, again.messages(), ChatParams.DEFAULTS, null, "session-2", CacheMode.USE);
            assertThat(((ChatResult.Answered) ask(engine, otherSession)).source()).isNotEqualTo(AnswerSource.REPEAT);
        }
    }

    @Test void aRoutedAnswer_isKeyedByItsTiersModel_soChangingTheTierMisses_whileABudgetAloneDoesNot() {
        String question = "What is a mutex?";
        try (var engine = open(plain(), null)) {
            var first = (ChatResult.Answered) ask(engine, prompt(question));
            assertThat(first.model().model()).isEqualTo("sim-small");
            assertThat(((ChatResult.Answered) ask(engine, prompt(question))).source()).isEqualTo(AnswerSource.EXACT_CACHE);
        }
        // Another model for the small tier: the answer stored under sim-small must not be served for it.
        var otherTier = plain().withTiers(Map.of("small", "simulator/sim-large", "large", "simulator/sim-large"));
        try (var engine = open(otherTier, null)) {
            var r = (ChatResult.Answered) ask(engine, prompt(question));
            assertThat(r.source()).isEqualTo(AnswerSource.MODEL);
            assertThat(r.model().model()).isEqualTo("sim-large");
            assertThat(entry(r, "exact").decision()).isEqualTo("miss");
        }
        // Only the budget changed: a complete answer does not depend on it (one cut at a budget is never stored).
        var otherBudget = plain().withBudgets(Map.of("simple", new Budget(3, 100, "small", false)));
        try (var engine = open(otherBudget, null)) {
            var r = (ChatResult.Answered) ask(engine, prompt(question));
            assertThat(r.source()).isEqualTo(AnswerSource.EXACT_CACHE);
            assertThat(entry(r, "complexity").details()).containsEntry("maxTokens", "100 (budget)");
        }
    }

    @Test void routesFromCachetYaml_areLiveAfterAnEdit_andABrokenEditKeepsTheLastGoodRoutesServing() throws Exception {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                routes:
                  - name: billing
                    description: invoices and refunds
                    keywords: [invoice, refund]
                  - name: general
                    fallback: true
                """);
        try (var engine = open(plain().withRoutes(routes.toString()), null)) {
            assertThat(entry(ask(engine, prompt("where is my refund")), "route").decision()).isEqualTo("billing");
            assertThat(entry(ask(engine, prompt("where is my parcel")), "route").decision()).isEqualTo("general");

            Files.writeString(routes, Files.readString(routes).replace("[invoice, refund]", "[invoice, refund, parcel]"));
            dev.cachet.engine.Await.until(() -> engine.routing().router().routes().route("billing").orElseThrow().keywords().contains("parcel"));
            assertThat(entry(ask(engine, prompt("where is my parcel!")), "route").decision()).isEqualTo("billing");

            Files.writeString(routes, Files.readString(routes).replace("keywords:", "keyword:"));
            dev.cachet.engine.Await.until(() -> !engine.routing().routes().problems().isEmpty());
            var r = ask(engine, prompt("where is my invoice"));
            assertThat(entry(r, "route").decision()).as("the last good routes serve").isEqualTo("billing");
            assertThat(entry(r, "route").details().get("routes")).contains(routes.toAbsolutePath() + ":4:5: unknown field 'keyword' in routes[0] (did you mean 'keywords'?)");
        }
    }

    @Test void theLlmFallback_rendersTheShippedClassifierTemplate_andAnEditedTemplateIsANewDecision() throws Exception {
        Path prompts = dir.resolve("prompts");
        Files.createDirectories(prompts);
        Path classifier = prompts.resolve("route-classifier.yaml");
        Files.copy(Path.of("prompts/routing/route-classifier.yaml"), classifier);
        Path script = dir.resolve("classifier.yaml");
        Files.writeString(script, """
                rules:
                  - match: "(?is)Routes:\\\\s*- greeting:.*e\\\\.g\\\\. hello there.*user: hey, i want to tell you about my weekend"
                    answer: "greeting"
                """);
        var routing = plain().withConfidenceThreshold(0.99).withFallback(true, false);
        var config = CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(FAST.withScript(script.toString()))
                .withRouting(routing).withTemplates(dev.cachet.engine.config.TemplateSettings.DEFAULTS.withFolders(List.of(prompts.toString())));
        try (var engine = Engine.open(new EngineOptions(dir.resolve("data"), config, false, InstantSource.system()))) {
            var first = entry(ask(engine, prompt("Hey, I want to tell you about my weekend")), "route");
            assertThat(first.details()).as(first.reason()).containsEntry("method", "llm");
            String version = engine.templates().find("route-classifier").orElseThrow().value().version();
            assertThat(first.reason()).contains("(route-classifier@" + version + ") said 'greeting'");
            assertThat(entry(ask(engine, prompt("hey, i want to tell you about my weekend")), "route").details()).containsEntry("method", "llm-cached");

            Files.writeString(classifier, Files.readString(classifier).replace("Classify the user's message", "Classify the message"));
            engine.templates().refresh(classifier);
            var afterEdit = entry(ask(engine, prompt("hey, i want to tell you about my weekend")), "route");
            assertThat(afterEdit.details()).as("a decision made with the old template text is not reused").containsEntry("method", "llm");
            assertThat(afterEdit.reason()).doesNotContain(version);
        }
    }
}
