package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.experiments.live.LiveAnswer;
import dev.cachet.engine.experiments.live.SplitTemplates;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Good/Bad on chat answers reach the live A/B for answers whose variant a split chose, and only those. */
class ChatFeedbackTest {

    @TempDir Path dir;
    Engine engine;

    @AfterEach void close() { if (engine != null) engine.close(); }

    @Test
    void ratingASplitAnswer_isStoredForItsVariant_andRegenerateCountsAgainstIt() throws Exception {
        engine = SplitTemplates.engine(dir, "polite.yaml", """
                id: polite
                variables:
                  question: {type: string, required: true}
                messages:
                  user: "Please answer: {{ question }}"
                variants:
                  A:
                  B: {messages: {user: "Kindly answer: {{ question }}"}}
                split: {A: 1, B: 1}
                """);
        var vm = new ChatViewModel(engine.pipeline(), engine.providers(), engine.config().prices(), null, UiThread.direct());
        vm.useTemplates(engine.templates());
        vm.useLiveSplit(engine.liveSplit());

        vm.inputProperty().set("plain question, no template");
        ChatTurn plain = vm.send().orElseThrow();
        plain.done().get(25, TimeUnit.SECONDS);
        assertThat(ChatViewModel.inLiveSplit(plain)).isFalse();

        vm.templateProperty().set("polite");
        vm.inputProperty().set("what is a TTL?");
        ChatTurn turn = vm.send().orElseThrow();
        turn.done().get(25, TimeUnit.SECONDS);
        assertThat(ChatViewModel.inLiveSplit(turn)).isTrue();
        vm.rate(turn, true);
        String id = turn.trace().requestId();
        LiveAnswer stored = awaitFeedback(id);
        assertThat(stored.feedback()).isTrue();
        assertThat(stored.variant()).isEqualTo(turn.trace().entry("render").orElseThrow().details().get("variant"));

        ChatTurn again = vm.regenerate().orElseThrow();
        again.done().get(25, TimeUnit.SECONDS);
        assertThat(engine.liveSplit().answers("polite")).hasSize(2)
                .filteredOn(LiveAnswer::regenerate).singleElement().satisfies(a -> assertThat(a.variant()).isEqualTo(stored.variant()));
    }

    /** The rating is written off the UI thread: wait for it to land. */
    private LiveAnswer awaitFeedback(String requestId) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            var found = engine.liveSplit().answers("polite").stream().filter(a -> a.requestId().equals(requestId) && a.feedback() != null).findFirst();
            if (found.isPresent()) return found.get();
            Thread.sleep(25);
        }
        throw new AssertionError("the rating of " + requestId + " was not stored");
    }
}
