package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import org.junit.jupiter.api.Test;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolve stage fits a request to its model's catalogue entry before any cache sees it. */
class ResolveStageTest {

    private final GenerateStageTest.ScriptedProvider anthropic = new GenerateStageTest.ScriptedProvider("anthropic");
    private final GenerateStageTest.ScriptedProvider openai = new GenerateStageTest.ScriptedProvider("openai");
    private final AtomicReference<ChatRequest> seen = new AtomicReference<>();

    private ChatResult run(String provider, String model, ChatParams params) {
        var registry = new ProviderRegistry(List.of(
                new ProviderRegistry.Entry(anthropic, "claude-haiku-4-5", Map.of(), List.of()),
                new ProviderRegistry.Entry(openai, "gpt-4o-mini", Map.of(), List.of())), "anthropic");
        var generate = new GenerateStage(PriceTable.defaults());
        Stage watching = new Stage() {
            @Override public String name() { return "generate"; }
            @Override public StageResult process(RequestContext ctx) throws InterruptedException {
                seen.set(ctx.request());
                return generate.process(ctx);
            }
        };
        var pipeline = new Pipeline(List.<Stage>of(new ResolveStage(registry, InstantSource.system()), watching),
                List.of(), Thread.ofVirtual().factory(), InstantSource.system());
        var request = new ChatRequest(provider, model, List.of(ChatMessage.user("hi")), params, null, null, null);
        return pipeline.execute(request, TokenListener.NONE, new Cancellation());
    }

    @Test
    void anthropicTemperatureAboveOne_failsBeforeAnyCacheOrCall_namingTheModel() {
        var result = (ChatResult.Failed) run("anthropic", null, new ChatParams(1.5, null, null, null, null, null));
        assertThat(result.error().kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
        assertThat(result.error().message()).contains("1.5").contains("claude-haiku-4-5");
        assertThat(seen.get()).isNull();
        assertThat(anthropic.calls).isZero();
    }

    @Test
    void theDefaultMaxTokens_andTheContextWindow_areInTheTrace() {
        anthropic.answer("hello");
        var result = run("anthropic", null, new ChatParams(0.2, null, null, null, null, null));
        var details = result.trace().entry("resolve").orElseThrow().details();
        assertThat(details.get("maxTokens")).startsWith("8192").contains("catalogue default");
        assertThat(details).containsEntry("contextWindow", "200000");
        assertThat(seen.get().params().maxTokens()).as("the request itself keeps 'not set'").isNull();
    }

    @Test
    void reasoningModel_theFixedTemperatureReplacesTheAskedOne_forTheCachesToo() {
        openai.answer("hello");
        var result = run("openai", "o3-mini", new ChatParams(0.0, 100, null, null, null, null));
        assertThat(seen.get().params().temperature()).isEqualTo(1.0);
        assertThat(result.trace().entry("resolve").orElseThrow().details().get("temperature")).contains("fixed 1");
    }

    @Test
    void retiredModel_isNamedInTheTrace() {
        anthropic.answer("hello");
        var result = run("anthropic", "claude-3-5-haiku-latest", new ChatParams(0.2, 64, null, null, null, null));
        assertThat(result.trace().entry("resolve").orElseThrow().details().get("retirement")).contains("2026-02-19");
    }
}
