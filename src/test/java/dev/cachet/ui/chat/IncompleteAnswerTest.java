package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.faults.FaultServer;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream cut after tokens reached the user: marked incomplete, never cached; the chat offers Retry and Continue with fallback. */
class IncompleteAnswerTest {

    @TempDir Path dataDir;
    Engine engine;
    FaultServer server;

    @AfterEach void close() {
        if (engine != null) engine.close();
        if (server != null) server.close();
    }

    private ChatViewModel viewModel() {
        server = new FaultServer().behave(FaultServer.Behaviour.cutAfter(3));
        var cutting = new ProviderConfig("cutting", "openai", server.baseUrl(), null, "fault-model", List.of("fault-model"), null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), List.of("simulator"), 0.0, 1);
        engine = TestEngines.open(dataDir, TestEngines.FAST, List.of(cutting));
        var vm = new ChatViewModel(engine.pipeline(), engine.providers(), engine.prices(), engine.conversations(), UiThread.direct());
        vm.useFallbacks(id -> id.equals("cutting") ? List.of("simulator") : List.of());
        vm.modelProperty().set(vm.models().stream().filter(m -> m.provider().equals("cutting")).findFirst().orElseThrow());
        return vm;
    }

    @Test
    void cutStream_isIncomplete_notCached_andContinuesWithTheFallback() throws Exception {
        var vm = viewModel();
        vm.inputProperty().set("Tell me about caches");
        ChatTurn turn = vm.send().orElseThrow();
        var result = ChatViewModelTest.await(turn);
        assertThat(result).isInstanceOf(ChatResult.Failed.class);
        assertThat(turn.answer()).isEqualTo("Answer to: ");
        assertThat(vm.incomplete(turn)).isTrue();
        assertThat(vm.fallbackFor(turn)).hasValueSatisfying(m -> assertThat(m.provider()).isEqualTo("simulator"));

        ChatTurn continued = vm.continueWithFallback().orElseThrow();
        assertThat(ChatViewModelTest.await(continued)).isInstanceOf(ChatResult.Answered.class);
        assertThat(vm.turns()).containsExactly(continued);
        assertThat(continued.userText()).isEqualTo("Tell me about caches");
        assertThat(continued.answer()).startsWith("Answer to: [simulated answer]");
        assertThat(continued.note()).contains("not cached");

        // Neither the broken answer nor the stitched one is in the cache: asked again, the model is called.
        server.behave(FaultServer.Behaviour.answer());
        var again = (ChatResult.Answered) engine.pipeline().execute(new dev.cachet.engine.chat.ChatRequest("cutting", null,
                List.of(dev.cachet.engine.chat.ChatMessage.user("Tell me about caches")), null, null, null, null), TokenListener.NONE, new Cancellation());
        assertThat(again.source()).isEqualTo(AnswerSource.MODEL);
    }

    @Test
    void retry_asksTheSameModelAgain() throws Exception {
        var vm = viewModel();
        vm.inputProperty().set("Tell me about retries");
        ChatViewModelTest.await(vm.send().orElseThrow());
        server.behave(FaultServer.Behaviour.answer());
        ChatTurn retried = vm.retry().orElseThrow();
        assertThat(ChatViewModelTest.await(retried)).isInstanceOf(ChatResult.Answered.class);
        assertThat(retried.answer()).isEqualTo("Answer to: Tell me about retries.");
        assertThat(vm.turns()).containsExactly(retried);
    }
}
