package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChatViewModelTest {

    @TempDir Path dataDir;
    Engine engine;

    ChatViewModel viewModel(SimulatorSettings simulator) {
        engine = TestEngines.open(dataDir, simulator);
        return new ChatViewModel(engine.pipeline(), engine.providers(), engine.prices(), engine.conversations(), UiThread.direct());
    }

    @AfterEach void close() { if (engine != null) engine.close(); }

    /** A chat that rates through the engine's semantic layer, with the model loaded and a cool temperature. */
    ChatViewModel learningChat() throws Exception {
        engine = TestEngines.open(dataDir, TestEngines.FAST);
        engine.semantic().cache().embed("load the model");
        var vm = new ChatViewModel(engine.pipeline(), engine.providers(), engine.config().prices(), engine.conversations(),
                UiThread.direct(), id -> true, engine.semantic()::rate);
        vm.temperatureProperty().set(0.0);
        return vm;
    }

    /** Asks in a new conversation: a semantic hit needs the same namespace, and earlier turns are part of it. */
    ChatTurn ask(ChatViewModel vm, String text) throws Exception {
        vm.newConversation();
        vm.inputProperty().set(text);
        ChatTurn turn = vm.send().orElseThrow();
        await(turn);
        assertThat(engine.semantic().awaitAnswerWork(Duration.ofSeconds(20))).isTrue();
        return turn;
    }

    /** Waits for the rating's note (the rating is saved on a virtual thread). */
    static String noteOf(ChatTurn turn) throws InterruptedException {
        for (int i = 0; i < 200 && turn.ratingNoteProperty().get().isEmpty(); i++) Thread.sleep(50);
        return turn.ratingNoteProperty().get();
    }

    @Test
    void thumbsDownOnASemanticHit_theSameQuestionIsNotServedFromItAgain() throws Exception {
        var vm = learningChat();
        ask(vm, "How can I learn Java quickly?");
        ChatTurn hit = ask(vm, "How do I learn Java quickly?");
        assertThat(hit.semanticHit()).as(hit.badges().semantic()).isTrue();

        vm.rate(hit, false);
        assertThat(hit.rating()).isFalse();
        assertThat(noteOf(hit)).contains("will not be served for this question again");
        vm.rate(hit, true);  // once only
        assertThat(hit.rating()).isFalse();

        ChatTurn again = ask(vm, "How do I learn Java quickly?");
        assertThat(again.semanticHit()).isFalse();
        assertThat(again.trace().entry("semantic").orElseThrow().reason()).contains("judged wrong");
    }

    @Test
    void thumbsOnAModelAnswer_teachesNothing() throws Exception {
        var vm = learningChat();
        ChatTurn first = ask(vm, "What does a cache save?");
        vm.rate(first, true);
        assertThat(noteOf(first)).contains("Thanks");
        assertThat(engine.semantic().calibrations().snapshot().values()).allSatisfy(c -> assertThat(c.labels()).isZero());
    }

    @Test
    void regeneratingASemanticHit_labelsItWrong() throws Exception {
        var vm = learningChat();
        ask(vm, "How can I learn Java quickly?");
        ChatTurn hit = ask(vm, "How do I learn Java quickly?");
        assertThat(hit.semanticHit()).isTrue();
        String namespace = hit.trace().entry("semantic").orElseThrow().details().get("namespaceKey");
        ChatTurn regenerated = vm.regenerate().orElseThrow();
        await(regenerated);
        var store = engine.semantic().calibrations().store();
        for (int i = 0; i < 200 && store.labels(namespace).isEmpty(); i++) Thread.sleep(50);
        assertThat(store.labels(namespace)).singleElement().satisfies(l -> {
            assertThat(l.agree()).isFalse();
            assertThat(l.source()).isEqualTo(dev.cachet.engine.semantic.calibration.Label.Source.REGENERATED);
        });
    }

    /** Generous: CI machines are shared; the slow simulator answers only after 30 s, so a lost Stop still fails. */
    static ChatResult await(ChatTurn turn) throws Exception {
        return turn.done().get(25, TimeUnit.SECONDS);
    }

    @Test
    void send_streamsTheAnswerAndShowsBadges() throws Exception {
        var vm = viewModel(TestEngines.FAST);
        vm.inputProperty().set("What does a cache save?");

        ChatTurn turn = vm.send().orElseThrow();
        assertThat(vm.inputProperty().get()).isEmpty();
        assertThat(await(turn)).isInstanceOf(ChatResult.Answered.class);

        assertThat(turn.state()).isEqualTo(ChatTurn.State.ANSWERED);
        assertThat(turn.answer()).startsWith("[simulated answer]");
        assertThat(turn.badges().model()).isEqualTo("simulator/sim-small");
        assertThat(turn.badges().hit()).isFalse();
        assertThat(turn.badges().tokensOut()).isPositive();
        assertThat(turn.badges().costUsd()).isPositive();
        assertThat(turn.badges().badges()).extracting(Badge::text).contains("simulator/sim-small");
        assertThat(TraceRow.of(turn.trace())).extracting(TraceRow::stage).contains("resolve", "generate");
        assertThat(vm.busy()).isFalse();
    }

    @Test
    void emptyInput_sendsNothing() {
        var vm = viewModel(TestEngines.FAST);
        vm.inputProperty().set("   ");
        assertThat(vm.send()).isEmpty();
        assertThat(vm.turns()).isEmpty();
    }

    @Test
    void stop_cancelsTheProviderCall() throws Exception {
        var vm = viewModel(SimulatorSettings.DEFAULTS.withLatency(Duration.ofSeconds(30), 1));
        vm.inputProperty().set("slow question");
        ChatTurn turn = vm.send().orElseThrow();
        assertThat(vm.busy()).isTrue();

        vm.stop();

        assertThat(await(turn)).isInstanceOf(ChatResult.Cancelled.class);
        assertThat(turn.state()).isEqualTo(ChatTurn.State.CANCELLED);
        assertThat(turn.trace().entries()).anySatisfy(e -> assertThat(e.decision()).isEqualTo("cancelled"));
        assertThat(vm.busy()).isFalse();
    }

    @Test
    void regenerate_replacesTheLastTurnAndSkipsTheCacheOnPurpose() throws Exception {
        var vm = viewModel(TestEngines.FAST);
        vm.inputProperty().set("hello");
        await(vm.send().orElseThrow());

        ChatTurn again = vm.regenerate().orElseThrow();
        await(again);

        assertThat(vm.turns()).containsExactly(again);
        assertThat(again.cacheMode()).isEqualTo(CacheMode.REFRESH);
        assertThat(again.note()).contains("cache was skipped on purpose");
        assertThat(again.badges().cache()).isEqualTo("cache skipped (regenerate)");
    }

    @Test
    void unknownModel_showsAnInlineErrorWithWhatToDo() throws Exception {
        var vm = viewModel(TestEngines.FAST);
        vm.modelProperty().set(new ModelChoice("simulator", "no-such-model", "simulator"));
        vm.inputProperty().set("hi");
        ChatTurn turn = vm.send().orElseThrow();
        await(turn);

        assertThat(turn.state()).isEqualTo(ChatTurn.State.FAILED);
        assertThat(turn.error().title()).isEqualTo("Unknown model");
        assertThat(turn.error().message()).contains("no-such-model");
        assertThat(turn.error().whatToDo()).contains("model picker");
    }

    @Test
    void modelPicker_alwaysOffersTheSimulator() {
        var vm = viewModel(TestEngines.FAST);
        assertThat(vm.models()).extracting(ModelChoice::label).contains("simulator · sim-small", "simulator · sim-large");
        assertThat(vm.modelProperty().get().simulator()).isTrue();
    }

    @Test
    void theAutoChoice_namesNoModel_soTheComplexityTierChooses_whileAChosenModelStays() throws Exception {
        var routing = dev.cachet.engine.routing.RoutingSettings.DEFAULTS.withFallback(false, false)
                .withTiers(java.util.Map.of("small", "simulator/sim-small", "large", "simulator/sim-large"));
        var config = dev.cachet.engine.config.CachetConfig.defaults().withSimulator(TestEngines.FAST).withDefaultProvider("simulator")
                .withRouting(routing);
        engine = Engine.open(new dev.cachet.engine.EngineOptions(dataDir, config, false, java.time.InstantSource.system()));
        var vm = new ChatViewModel(engine.pipeline(), engine.providers(), engine.prices(), engine.conversations(), UiThread.direct());
        assertThat(vm.models().getFirst()).isEqualTo(ModelChoice.AUTO);
        assertThat(ModelChoice.AUTO.label()).isEqualTo("auto · routing chooses the tier");
        String question = "Compare optimistic and pessimistic locking for an order system";
        String another = "Compare Rust and Go for web services";

        vm.modelProperty().set(new ModelChoice("simulator", "sim-small", "simulator"));
        vm.inputProperty().set(question);
        ChatTurn chosen = vm.send().orElseThrow();
        await(chosen);
        assertThat(chosen.badges().model()).isEqualTo("simulator/sim-small");

        vm.modelProperty().set(ModelChoice.AUTO);
        vm.inputProperty().set(another);
        ChatTurn auto = vm.send().orElseThrow();
        await(auto);
        assertThat(auto.badges().model()).isEqualTo("simulator/sim-large");
        assertThat(auto.trace().entry("complexity").orElseThrow().details().get("model")).isEqualTo("simulator/sim-large (tier large)");
    }

    @Test
    void newConversation_clearsTheTurns() throws Exception {
        var vm = viewModel(TestEngines.FAST);
        vm.inputProperty().set("one");
        await(vm.send().orElseThrow());
        String before = vm.sessionId();
        vm.newConversation();
        assertThat(vm.turns()).isEmpty();
        assertThat(vm.sessionId()).isNotEqualTo(before);
    }
}
