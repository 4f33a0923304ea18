package dev.cachet.engine.semantic;

import java.util.List;
import java.util.Map;

/**
 * Persistence of semantic entries and of the embedding cache. The index is not stored: it is
 * rebuilt from the entries at start.
 */
public interface SemanticStore extends AutoCloseable {

    /**
     * Every stored entry (expired ones included: the caller drops them), least recently used first
     * (stored or served, see {@link #markUsed}) where the store records use.
     */
    List<SemanticEntry> loadEntries();

    /** Stores an entry and returns its id. */
    long insert(SemanticEntry entry);

    void delete(long id);

    /** Removes entries the cap evicted, in one go where the store can. */
    default void deleteAll(List<SemanticEntry> entries) { entries.forEach(e -> delete(e.id())); }

    /** Records that an entry was served at {@code at}, so that a restart keeps the cap's order. */
    default void markUsed(long id, java.time.Instant at) { }

    /** Deletes every entry of a namespace; returns how many. */
    int deleteNamespace(String namespace);

    /** Vectors stored for {@code textHashes} under {@code model}; absent hashes are missing from the map. */
    Map<String, float[]> embeddings(String model, List<String> textHashes);

    void putEmbeddings(String model, Map<String, float[]> vectorsByTextHash);

    @Override void close();
}
