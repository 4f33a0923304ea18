package dev.cachet.engine.templates;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.cache.FakeClock;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.TemplateSettings;
import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.trace.TraceEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates through the real engine: files edited on disk while it runs (the watcher, not a manual
 * refresh, picks them up), the render stage, the caches keyed by template version.
 */
class TemplatePipelineTest {

    @TempDir Path dataDir;
    @TempDir Path prompts;
    private Engine engine;

    private static final String GREET = """
            id: greet
            variables:
              name: {type: string, required: true}
            params: {temperature: 0}
            messages:
              system: You are brief.
              user: Say hello to {{ name }}
            """;

    private Engine open(SimulatorSettings simulator, InstantSource clock) {
        var config = CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(simulator)
                .withTemplates(TemplateSettings.DEFAULTS.withFolders(List.of(prompts.toString())));
        engine = Engine.open(new EngineOptions(dataDir, config, false, clock));
        return engine;
    }

    private Engine open() { return open(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0), InstantSource.system()); }

    @AfterEach void close() { if (engine != null) engine.close(); }

    private void write(String text) throws Exception { Files.writeString(prompts.resolve("greet.yaml"), text); }

    private ChatResult.Answered ask(Map<String, Object> vars) {
        var request = ChatRequest.ofTemplate(new TemplateInvocation("greet", null, vars), List.of(), null);
        var result = engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
        assertThat(result).as(result.trace().format()).isInstanceOf(ChatResult.Answered.class);
        return (ChatResult.Answered) result;
    }

    private ChatResult.Answered ask() { return ask(Map.of("name", "Ada")); }

    private static TraceEntry entry(ChatResult r, String stage) { return r.trace().entry(stage).orElseThrow(); }

    private String version() { return engine.templates().current().get("greet").map(e -> e.value().version()).orElse(null); }

    private static void await(BooleanSupplier condition) throws InterruptedException { dev.cachet.engine.Await.until(condition); }

    @Test
    void theRenderStage_comesFirst_andTheTraceShowsIdVersionVariantAndThePrompt() throws Exception {
        write(GREET);
        open();
        assertThat(engine.pipeline().stageNames()).startsWith("render", "resolve");
        var r = ask();
        var render = entry(r, "render");
        assertThat(render.decision()).isEqualTo("rendered");
        assertThat(render.details()).containsEntry("template", "greet@" + version()).containsEntry("variant", "default")
                .containsEntry("file", prompts.resolve("greet.yaml").toString())
                .containsEntry("prompt", "SYSTEM:\nYou are brief.\n\nUSER:\nSay hello to Ada");
        assertThat(r.text()).startsWith("[simulated answer] Re: \"Say hello to Ada\"");
    }

    @Test
    void editingTheTemplateOnDisk_changesTheNextAnswer_andNoCacheServesTheOldText() throws Exception {
        write(GREET);
        open();
        String v1 = version();
        var first = ask();
        assertThat(first.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(ask().source()).isEqualTo(AnswerSource.EXACT_CACHE);

        // Same user text, only the system message changes: the semantic layer would see the same query.
        write(GREET.replace("You are brief.", "You are brief and formal."));
        await(() -> !v1.equals(version()));
        var afterEdit = ask();
        assertThat(afterEdit.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(entry(afterEdit, "exact").decision()).isEqualTo("miss");
        assertThat(entry(afterEdit, "semantic").decision()).isNotEqualTo("hit");
        assertThat(entry(afterEdit, "render").details().get("template")).isEqualTo("greet@" + version());
        assertThat(afterEdit.text()).isNotEqualTo(first.text());

        // The user message changes too: the answer follows the new text.
        write(GREET.replace("Say hello to", "Say goodbye to"));
        await(() -> ask().text().startsWith("[simulated answer] Re: \"Say goodbye to Ada\""));

        // Back to the first text: the first version again (a version is the content), and its stored answer.
        write(GREET);
        await(() -> v1.equals(version()));
        var back = ask();
        assertThat(back.source()).isEqualTo(AnswerSource.EXACT_CACHE);
        assertThat(back.text()).isEqualTo(first.text());
    }

    @Test
    void brokenYaml_keepsTheLastGoodVersionServing_andFixingItRecovers() throws Exception {
        write(GREET);
        open();
        String good = version();
        var before = ask();

        write(GREET.replace("params: {temperature: 0}", "params: {temperature: 0") + "  oops: [\n");
        await(() -> engine.templates().current().files().getFirst().status() == DefinitionSet.Status.STALE);
        var problem = engine.templates().current().files().getFirst().problems().getFirst();
        assertThat(problem.format()).startsWith(prompts.resolve("greet.yaml") + ":").contains("YAML syntax");
        var during = ask();
        assertThat(entry(during, "render").details().get("template")).isEqualTo("greet@" + good);
        assertThat(during.text()).isEqualTo(before.text());

        write(GREET.replace("Say hello to", "Greet"));
        await(() -> engine.templates().current().files().getFirst().status() == DefinitionSet.Status.OK);
        assertThat(version()).isNotEqualTo(good);
        assertThat(ask().text()).startsWith("[simulated answer] Re: \"Greet Ada\"");
    }

    @Test
    void aRequestInFlight_finishesWithTheVersionItStartedWith() throws Exception {
        write(GREET);
        open(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 20), InstantSource.system());
        String v1 = version();
        var firstToken = new CountDownLatch(1);
        var call = engine.pipeline().submit(ChatRequest.ofTemplate(new TemplateInvocation("greet", null, Map.of("name", "Ada")),
                List.of(), null), t -> firstToken.countDown());
        assertThat(firstToken.await(15, TimeUnit.SECONDS)).isTrue(); // rendered and streaming

        write(GREET.replace("Say hello to", "Say goodbye to"));
        await(() -> !v1.equals(version()));
        var result = (ChatResult.Answered) call.result().get(30, TimeUnit.SECONDS);
        assertThat(entry(result, "render").details().get("template")).isEqualTo("greet@" + v1);
        assertThat(result.text()).startsWith("[simulated answer] Re: \"Say hello to Ada\"");
    }

    @Test
    void everyVersionSeen_isKeptWithItsText_andTwoVersionsDiffLineByLine() throws Exception {
        write(GREET);
        open();
        String v1 = version();
        write(GREET.replace("You are brief.", "You are very brief."));
        await(() -> !v1.equals(version()));
        String v2 = version();
        // Recorded by a listener of the swap, right after it: wait for it as for the swap.
        await(() -> engine.templates().versions().history("greet").size() == 2);
        var history = engine.templates().versions().history("greet");
        assertThat(history).extracting(TemplateVersion::version).containsExactlyInAnyOrder(v1, v2);
        var older = engine.templates().versions().find("greet", v1).orElseThrow();
        var newer = engine.templates().versions().find("greet", v2).orElseThrow();
        assertThat(older.content()).isEqualTo(GREET);
        assertThat(TemplateDiff.between(older.content(), newer.content(), 1)).extracting(TemplateDiff.Line::kind, TemplateDiff.Line::text)
                .contains(org.assertj.core.groups.Tuple.tuple(TemplateDiff.Kind.REMOVED, "  system: You are brief."),
                        org.assertj.core.groups.Tuple.tuple(TemplateDiff.Kind.ADDED, "  system: You are very brief."));
    }

    @Test
    void theTemplatesCacheBlock_turnsTheExactCacheOff_orShortensItsTtl() throws Exception {
        write(GREET.replace("params: {temperature: 0}", "params: {temperature: 0}\ncache: {exact: false, semantic: false}"));
        open();
        ask();
        var again = ask();
        assertThat(again.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(entry(again, "exact").reason()).startsWith("exact cache off for template greet@");
        assertThat(entry(again, "semantic").reason()).startsWith("semantic cache off for template greet@");
        engine.close();

        var clock = new FakeClock();
        Files.writeString(prompts.resolve("greet.yaml"), GREET.replace("params: {temperature: 0}", "params: {temperature: 0}\ncache: {ttl: 1h, semantic: false}"));
        open(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0), clock);
        ask(Map.of("name", "Bo"));
        clock.advance(Duration.ofMinutes(59));
        assertThat(ask(Map.of("name", "Bo")).source()).isEqualTo(AnswerSource.EXACT_CACHE);
        clock.advance(Duration.ofMinutes(2));
        assertThat(ask(Map.of("name", "Bo")).source()).isEqualTo(AnswerSource.MODEL);
    }

    @Test
    void theTemplatesModel_appliesWhenTheRequestNamesNone_andTheCallersParamsWin() throws Exception {
        write(GREET.replace("params: {temperature: 0}", "model: simulator/sim-large\nparams: {temperature: 0, max_tokens: 5}"));
        open();
        var r = ask();
        assertThat(r.model().toString()).isEqualTo("simulator/sim-large");
        assertThat(r.usage().outputTokens()).isEqualTo(5);
        var request = ChatRequest.ofTemplate(new TemplateInvocation("greet", null, Map.of("name", "Ada")), List.of(), null)
                .withTarget("simulator", "sim-small").withParams(new dev.cachet.engine.chat.ChatParams(null, 9, null, null, null, null));
        var explicit = (ChatResult.Answered) engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
        assertThat(explicit.model().toString()).isEqualTo("simulator/sim-small");
        assertThat(explicit.usage().outputTokens()).isEqualTo(9);
    }

    @Test
    void aTemplateError_failsTheRequestAtTheRenderStage_namingWhatIsMissing() throws Exception {
        write(GREET);
        open();
        var result = engine.pipeline().execute(ChatRequest.ofTemplate(new TemplateInvocation("greet", null, Map.of()), List.of(), null),
                TokenListener.NONE, new Cancellation());
        assertThat(result).isInstanceOf(ChatResult.Failed.class);
        var failed = (ChatResult.Failed) result;
        assertThat(failed.error().kind()).isEqualTo(dev.cachet.engine.chat.ChatError.Kind.TEMPLATE);
        assertThat(failed.error().message()).isEqualTo("missing required variable 'name' for template 'greet' ("
                + prompts.resolve("greet.yaml") + ")");
        assertThat(result.trace().entries()).extracting(TraceEntry::stage).containsExactly("render");
    }
}
