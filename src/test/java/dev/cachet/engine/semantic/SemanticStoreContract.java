package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SemanticStore} promises. */
abstract class SemanticStoreContract {

    SemanticStore store;

    abstract SemanticStore create();

    @AfterEach void close() { if (store != null) store.close(); }

    static SemanticEntry entry(String ns, String query) {
        return new SemanticEntry(0, ns, query, new float[]{0.6f, 0.8f}, "answer to " + query, new ModelRef("simulator", "sim-small"),
                Instant.ofEpochSecond(1000), Instant.ofEpochSecond(2000));
    }

    @Test
    void insert_thenLoad_roundTripsEveryField() {
        store = create();
        long id = store.insert(entry("ns1", "how are you"));
        var loaded = store.loadEntries();
        assertThat(loaded).hasSize(1);
        var e = loaded.getFirst();
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.namespace()).isEqualTo("ns1");
        assertThat(e.query()).isEqualTo("how are you");
        assertThat(e.vector()).containsExactly(0.6f, 0.8f);
        assertThat(e.answer()).isEqualTo("answer to how are you");
        assertThat(e.model()).isEqualTo(new ModelRef("simulator", "sim-small"));
        assertThat(e.createdAt()).isEqualTo(Instant.ofEpochSecond(1000));
        assertThat(e.expiresAt()).isEqualTo(Instant.ofEpochSecond(2000));
    }

    @Test
    void delete_andDeleteNamespace() {
        store = create();
        long a = store.insert(entry("ns1", "a"));
        store.insert(entry("ns1", "b"));
        store.insert(entry("ns2", "c"));
        store.delete(a);
        assertThat(store.loadEntries()).extracting(SemanticEntry::query).containsExactlyInAnyOrder("b", "c");
        assertThat(store.deleteNamespace("ns1")).isEqualTo(1);
        assertThat(store.loadEntries()).extracting(SemanticEntry::query).containsExactly("c");
    }

    @Test
    void embeddings_areKeptPerModel() {
        store = create();
        store.putEmbeddings("m1", Map.of("h1", new float[]{1, 0}, "h2", new float[]{0, 1}));
        store.putEmbeddings("m2", Map.of("h1", new float[]{0.5f, 0.5f}));
        var m1 = store.embeddings("m1", List.of("h1", "h2", "h3"));
        assertThat(m1).containsOnlyKeys("h1", "h2");
        assertThat(m1.get("h1")).containsExactly(1, 0);
        assertThat(store.embeddings("m2", List.of("h1", "h2"))).containsOnlyKeys("h1");
        assertThat(store.embeddings("m2", List.of("h1")).get("h1")).containsExactly(0.5f, 0.5f);
    }
}

class InMemorySemanticStoreTest extends SemanticStoreContract {
    @Override SemanticStore create() { return new InMemorySemanticStore(); }
}

class SqliteSemanticStoreTest extends SemanticStoreContract {
    @TempDir Path dir;

    Database db;

    @Override SemanticStore create() {
        db = Database.open(dir, java.time.InstantSource.system());
        return new SqliteSemanticStore(db);
    }

    @AfterEach void closeDb() { if (db != null) db.close(); }

    @Test
    void entries_surviveReopening() {
        store = create();
        store.insert(entry("ns", "persisted"));
        store.putEmbeddings("m", Map.of("h", new float[]{1, 2}));
        store.close();
        db.close();
        store = create();
        assertThat(store.loadEntries()).extracting(SemanticEntry::query).containsExactly("persisted");
        assertThat(store.embeddings("m", List.of("h"))).containsKey("h");
    }
}
