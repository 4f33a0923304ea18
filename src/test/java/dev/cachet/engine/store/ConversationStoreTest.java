package dev.cachet.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.cache.FakeClock;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationStoreTest {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();
    private Database db;
    private ConversationStore store;

    private static final AnswerFacts FACTS = new AnswerFacts(AnswerSource.MODEL, new ModelRef("simulator", "sim-small"),
            new Usage(12, 34), 0.000022, 250L, 900L);

    @BeforeEach void open() {
        db = Database.open(dir, clock);
        store = new ConversationStore(db, clock);
    }

    @AfterEach void close() { db.close(); }

    @Test void append_keepsOrder_andAnswerFacts_acrossRestart() {
        var conv = store.create("  Caching   ideas ");
        store.append(conv.id(), ChatMessage.system("be brief"));
        store.append(conv.id(), ChatMessage.user("what is an exact cache?"));
        store.append(conv.id(), ChatMessage.assistant("a lookup by hash"), FACTS);
        db.close();

        open();
        var messages = store.messages(conv.id());
        assertThat(messages).extracting(StoredMessage::seq).containsExactly(0, 1, 2);
        assertThat(store.history(conv.id())).containsExactly(ChatMessage.system("be brief"),
                ChatMessage.user("what is an exact cache?"), ChatMessage.assistant("a lookup by hash"));
        assertThat(messages.get(2).facts()).isEqualTo(FACTS);
        assertThat(messages.get(1).facts()).isNull();
        assertThat(store.find(conv.id()).orElseThrow().title()).isEqualTo("Caching ideas");
        assertThat(store.find(conv.id()).orElseThrow().messageCount()).isEqualTo(3);
    }

    @Test void list_isNewestFirst_byLastActivity() {
        var a = store.create("a");
        clock.advance(Duration.ofMinutes(1));
        var b = store.create("b");
        clock.advance(Duration.ofMinutes(1));
        store.append(a.id(), ChatMessage.user("back to a"));
        assertThat(store.list()).extracting(Conversation::id).containsExactly(a.id(), b.id());
        assertThat(store.count()).isEqualTo(2);
    }

    @Test void search_findsTitlesAndMessageText_caseAndAccentInsensitive_byPrefix() {
        var a = store.create("Budget planning");
        store.append(a.id(), ChatMessage.user("How much did the Café spend?"));
        var b = store.create("Embeddings");
        store.append(b.id(), ChatMessage.user("what is a vector index"));
        store.create("unrelated");

        assertThat(store.search("budget")).extracting(h -> h.conversation().id()).containsExactly(a.id());
        assertThat(store.search("cafe spend")).singleElement().satisfies(h -> {
            assertThat(h.conversation().id()).isEqualTo(a.id());
            assertThat(h.snippet()).contains("[Café]");
        });
        assertThat(store.search("vect")).extracting(h -> h.conversation().id()).containsExactly(b.id());
        assertThat(store.search("vector budget")).isEmpty();
        assertThat(store.search("\"quoted\" 100% a_b")).isEmpty();
        assertThat(store.search("   ")).isEmpty();
    }

    @Test void rename_andDelete_updateSearchToo() {
        var a = store.create("old name");
        store.append(a.id(), ChatMessage.user("findable words"));
        store.rename(a.id(), "new name");
        assertThat(store.find(a.id()).orElseThrow().title()).isEqualTo("new name");
        assertThat(store.search("old")).isEmpty();
        assertThat(store.search("new")).hasSize(1);

        assertThat(store.delete(a.id())).isTrue();
        assertThat(store.delete(a.id())).isFalse();
        assertThat(store.find(a.id())).isEmpty();
        assertThat(store.search("findable")).isEmpty();
        assertThat(store.messages(a.id())).isEmpty();
    }

    @Test void unknownConversation_failsNamingIt() {
        assertThatThrownBy(() -> store.append("nope", ChatMessage.user("x"))).hasMessage("no conversation 'nope'");
        assertThatThrownBy(() -> store.rename("nope", "x")).hasMessage("no conversation 'nope'");
        assertThatThrownBy(() -> store.exportMarkdown("nope")).hasMessage("no conversation 'nope'");
    }

    @Test void exportMarkdown_hasTitleRolesAndAnswerFacts() {
        var conv = store.create("Export me");
        store.append(conv.id(), ChatMessage.user("hello?"));
        store.append(conv.id(), ChatMessage.assistant("hi there"), FACTS);
        String md = store.exportMarkdown(conv.id());
        assertThat(md).startsWith("# Export me\n")
                .contains("\n## User\n\nhello?\n")
                .contains("\n## Assistant\n\nhi there\n")
                .contains("> model call · simulator/sim-small · 12 in / 34 out tokens · $0.000022 · ttft 250 ms · total 900 ms");
    }

    @Test void exportJson_isParseable_andComplete() throws Exception {
        var conv = store.create("Export me");
        store.append(conv.id(), ChatMessage.user("hello \"quoted\"\n"));
        store.append(conv.id(), ChatMessage.assistant("hi"), FACTS);
        var tree = new ObjectMapper().readTree(store.exportJson(conv.id()));
        assertThat(tree.get("title").asText()).isEqualTo("Export me");
        assertThat(tree.get("messages")).hasSize(2);
        assertThat(tree.get("messages").get(0).get("content").asText()).isEqualTo("hello \"quoted\"\n");
        var answer = tree.get("messages").get(1).get("answer");
        assertThat(answer.get("source").asText()).isEqualTo("model");
        assertThat(answer.get("model").asText()).isEqualTo("sim-small");
        assertThat(answer.get("tokensOut").asInt()).isEqualTo(34);
        assertThat(answer.get("ttftMs").asLong()).isEqualTo(250);
    }
}
