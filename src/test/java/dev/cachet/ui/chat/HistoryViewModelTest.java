package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryViewModelTest {

    @TempDir Path dataDir;
    Engine engine;
    ChatViewModel chat;
    HistoryViewModel history;

    @BeforeEach void open() {
        engine = TestEngines.open(dataDir, TestEngines.FAST);
        chat = new ChatViewModel(engine.pipeline(), engine.providers(), engine.prices(), engine.conversations(), UiThread.direct());
        history = new HistoryViewModel(engine.conversations(), chat, UiThread.direct());
    }

    @AfterEach void close() { engine.close(); }

    void say(String text) throws Exception {
        chat.inputProperty().set(text);
        chat.send().orElseThrow().done().get(10, TimeUnit.SECONDS);
    }

    @Test
    void answeredTurns_areSavedAndListed() throws Exception {
        say("How do caches save money?");
        say("And tokens?");
        history.refresh().get(10, TimeUnit.SECONDS);

        assertThat(history.entries()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("How do caches save money?");
            assertThat(e.subtitle()).endsWith("4 messages");
        });
    }

    @Test
    void openingAConversation_restoresItsTurnsWithBadges() throws Exception {
        say("first question");
        String answer = chat.turns().getFirst().answer();
        chat.newConversation();
        history.refresh().get(10, TimeUnit.SECONDS);

        history.open(history.entries().getFirst()).get(10, TimeUnit.SECONDS);

        assertThat(chat.turns()).singleElement().satisfies(t -> {
            assertThat(t.userText()).isEqualTo("first question");
            assertThat(t.answer()).isEqualTo(answer);
            assertThat(t.badges().model()).isEqualTo("simulator/sim-small");
        });
        say("a follow-up");
        history.refresh().get(10, TimeUnit.SECONDS);
        assertThat(history.entries()).singleElement().satisfies(e -> assertThat(e.subtitle()).endsWith("4 messages"));
    }

    @Test
    void search_findsConversationsByText() throws Exception {
        say("tell me about zeppelins");
        chat.newConversation();
        say("tell me about submarines");
        history.searchProperty().set("zeppelins");
        history.refresh().get(10, TimeUnit.SECONDS);
        assertThat(history.entries()).extracting(HistoryEntry::title).containsExactly("tell me about zeppelins");
    }

    @Test
    void aRefreshAskedBeforeTheSearchChanged_listsWhatIsSearchedWhenItRuns() throws Exception {
        // A turn saved just before the user typed a search asks for a refresh; when it ran after the search's own
        // refresh it used to list every conversation again, over the search results (seen on CI).
        say("tell me about zeppelins");
        chat.newConversation();
        say("tell me about submarines");
        var held = new java.util.concurrent.LinkedBlockingQueue<Runnable>();
        var gated = new HistoryViewModel(engine.conversations(), chat, UiThread.direct(), held::add);
        var stale = gated.refresh();
        var seenByStale = new java.util.concurrent.atomic.AtomicReference<java.util.List<String>>();
        stale.thenRun(() -> seenByStale.set(gated.entries().stream().map(HistoryEntry::title).toList()));
        gated.searchProperty().set("zeppelins");
        assertThat(held).hasSize(2);
        for (Runnable r; (r = held.poll()) != null; ) r.run();
        assertThat(seenByStale.get()).containsExactly("tell me about zeppelins");
        assertThat(gated.entries()).extracting(HistoryEntry::title).containsExactly("tell me about zeppelins");
    }

    @Test
    void export_writesMarkdownAndJson() throws Exception {
        say("export me");
        history.refresh().get(10, TimeUnit.SECONDS);
        HistoryEntry entry = history.entries().getFirst();
        Path md = dataDir.resolve("c.md");
        Path json = dataDir.resolve("c.json");
        history.export(entry, HistoryViewModel.Format.MARKDOWN, md).get(10, TimeUnit.SECONDS);
        history.export(entry, HistoryViewModel.Format.JSON, json).get(10, TimeUnit.SECONDS);
        assertThat(Files.readString(md)).startsWith("# export me").contains("export me");
        assertThat(Files.readString(json)).contains("\"title\"").contains("export me");
        assertThat(history.messageProperty().get()).isEqualTo("exported to " + json);
    }

    @Test
    void deletingTheOpenConversation_startsANewOne() throws Exception {
        say("short-lived");
        history.refresh().get(10, TimeUnit.SECONDS);
        history.delete(history.entries().getFirst()).get(10, TimeUnit.SECONDS);
        assertThat(history.entries()).isEmpty();
        assertThat(chat.turns()).isEmpty();
        assertThat(chat.conversationId()).isNull();
    }

    @Test
    void refreshesAskedFromManyThreads_leaveOneConsistentList() throws Exception {
        // Each saved turn refreshes too: with a direct UiThread, overlapping refreshes used to update the
        // list from two threads at once ("endChange before beginChange").
        say("one");
        chat.newConversation();
        say("two");
        var refreshes = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var asked = new java.util.ArrayList<java.util.concurrent.Future<java.util.concurrent.CompletableFuture<Void>>>();
            for (int i = 0; i < 40; i++) asked.add(pool.submit(history::refresh));
            for (var a : asked) refreshes.add(a.get(10, TimeUnit.SECONDS));
        }
        java.util.concurrent.CompletableFuture.allOf(refreshes.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);
        assertThat(history.entries()).extracting(HistoryEntry::title).containsExactly("two", "one");
    }
}
