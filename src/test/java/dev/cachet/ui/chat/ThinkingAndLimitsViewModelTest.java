package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.RecordedServer;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat against a recorded Ollama: a thinking answer, and how the toolbar follows the model's limits. */
class ThinkingAndLimitsViewModelTest {

    @TempDir Path dataDir;
    private RecordedServer ollama;
    private Engine engine;
    private ChatViewModel vm;

    @BeforeEach void open() {
        ollama = new RecordedServer();
        var patient = Duration.ofSeconds(30);
        var local = new ProviderConfig("ollama", "ollama", ollama.baseUrl(), null, "qwen3:8b", List.of("qwen3:8b", "llama3.2"),
                null, patient, patient);
        var anthropic = new ProviderConfig("anthropic", "anthropic", "http://127.0.0.1:9/v1", "ANTHROPIC_API_KEY", "claude-haiku-4-5",
                List.of(), null, patient, patient);
        engine = TestEngines.open(dataDir, TestEngines.FAST, List.of(local, anthropic));
        vm = new ChatViewModel(engine.pipeline(), engine.providers(), engine.prices(), engine.conversations(), UiThread.direct());
    }

    @AfterEach void close() {
        engine.close();
        ollama.close();
    }

    private void pick(String provider, String model) {
        vm.modelProperty().set(vm.models().stream().filter(m -> m.provider().equals(provider) && m.model().equals(model)).findFirst().orElseThrow());
    }

    @Test
    void thinkingAnswer_showsItsThinkingApart_andTheAnswerHoldsOnlyTheAnswer() throws Exception {
        ollama.route("/api/chat", RecordedServer.Reply.of("ollama/thinking-stream.http"));
        pick("ollama", "qwen3:8b");
        vm.inputProperty().set("Why cache LLM calls?");
        ChatTurn turn = vm.send().orElseThrow();
        assertThat(ChatViewModelTest.await(turn)).isInstanceOf(ChatResult.Answered.class);

        assertThat(turn.answer()).isEqualTo("Caching saves repeated calls.");
        assertThat(turn.thinking()).isEqualTo("Okay, the user asks why caching LLM calls helps. Short answer: cost and latency.");
        assertThat(TurnView.thinkingTitle(turn)).startsWith("Thought for ").endsWith("14 words");
        assertThat(turn.badges().badges()).extracting(Badge::text).anyMatch(t -> t.startsWith("thinking from "));
        assertThat(turn.markdown()).doesNotContain("Okay, the user asks");
    }

    @Test
    void thinkingModel_offersTheThinkSwitch_atItsDefault_andSendsWhatWasChosen() throws Exception {
        ollama.route("/api/chat", RecordedServer.Reply.of("ollama/thinking-stream.http"));
        pick("ollama", "qwen3:8b");
        assertThat(vm.thinkingSwitchable()).isTrue();
        assertThat(vm.thinksByDefault()).isTrue();
        vm.thinkProperty().set(false);
        vm.inputProperty().set("Why cache LLM calls?");
        ChatViewModelTest.await(vm.send().orElseThrow());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ollama.last().body()).path("think").asBoolean(true)).isFalse();

        pick("ollama", "llama3.2");
        assertThat(vm.thinkingSwitchable()).isFalse();
        assertThat(vm.thinkProperty().get()).as("the choice belonged to qwen3").isNull();
    }

    @Test
    void maxTokens_leftEmpty_isTheModelsDefault_andAnAnswerCutThereIsMarkedNotCached() throws Exception {
        ollama.route("/api/chat", RecordedServer.Reply.of("ollama/length.http"));
        pick("ollama", "llama3.2");
        assertThat(vm.maxTokensProperty().get()).isNull();
        assertThat(vm.maxTokensDefault()).isEqualTo("server default");
        vm.inputProperty().set("Why cache LLM calls?");
        ChatTurn turn = vm.send().orElseThrow();
        var answered = (ChatResult.Answered) ChatViewModelTest.await(turn);
        assertThat(answered.finish()).isEqualTo(FinishReason.LENGTH);
        assertThat(turn.badges().badges()).contains(new Badge("cut by the server's output limit · not cached", Badge.Kind.WARNING));
    }

    @Test
    void anthropic_showsItsDefaultMaxTokens_andCapsTheTemperatureAtOne() {
        vm.temperatureProperty().set(1.6);
        pick("anthropic", "claude-haiku-4-5");
        assertThat(vm.maxTokensDefault()).isEqualTo("default 8192");
        assertThat(vm.maxTemperature()).isEqualTo(1.0);
        assertThat(vm.temperatureProperty().get()).isEqualTo(1.0);
    }
}
