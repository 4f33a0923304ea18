package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat answering from a collection: the picker offers it, the turn carries the answer's sources, a cache hit keeps them. */
class ChatSourcesTest {

    @TempDir Path dir;
    Engine engine;

    @AfterEach void close() { if (engine != null) engine.close(); }

    @Test
    void turnFromACollection_showsTheSourcesTheModelGot_andACachedRepeatShowsThemToo() throws Exception {
        engine = TestEngines.open(dir.resolve("data"), TestEngines.FAST);
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("ports.md"), "# Ports\n\nThe relay listens on port 7421 by default.\n");
        Files.writeString(docs.resolve("backups.md"), "# Backups\n\nBackups are written every night at two.\n");
        engine.retrieval().create("manual", List.of(docs));
        engine.retrieval().ingest("manual", p -> { }, new Cancellation());
        var vm = new ChatViewModel(engine.pipeline(), engine.providers(), engine.config().prices(), engine.conversations(), UiThread.direct());
        vm.connectCollections(engine.retrieval());
        assertThat(vm.collections()).containsExactly("", "manual");

        vm.collectionProperty().set("manual");
        vm.temperatureProperty().set(0);
        vm.inputProperty().set("Which port does the relay listen on?");
        ChatTurn first = vm.send().orElseThrow();
        var result = (ChatResult.Answered) first.done().get(60, TimeUnit.SECONDS);

        assertThat(first.sources()).isNotEmpty().isEqualTo(result.trace().citations());
        assertThat(first.sources().getFirst().fileName()).isEqualTo("ports.md");
        assertThat(first.markdown()).contains("Sources:").contains("[1] ports.md");

        vm.newConversation();
        vm.inputProperty().set("Which port does the relay listen on?");
        ChatTurn again = vm.send().orElseThrow();
        var cached = (ChatResult.Answered) again.done().get(60, TimeUnit.SECONDS);
        assertThat(cached.source()).isEqualTo(AnswerSource.EXACT_CACHE);
        assertThat(again.sources()).extracting(c -> c.chunkId()).containsExactlyElementsOf(first.sources().stream().map(c -> c.chunkId()).toList());

        vm.collectionProperty().set("");
        vm.inputProperty().set("Which port does the relay listen on?");
        ChatTurn plain = vm.send().orElseThrow();
        plain.done().get(60, TimeUnit.SECONDS);
        assertThat(plain.sources()).isEmpty();
    }
}
