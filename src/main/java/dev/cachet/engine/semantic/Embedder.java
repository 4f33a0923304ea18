package dev.cachet.engine.semantic;

import java.util.List;

/**
 * Turns texts into unit-length vectors. The {@link #modelId()} is part of every semantic key, so
 * vectors of two models never meet in one index or one cache row.
 */
public interface Embedder {

    /** Stable id of the model ("minilm-l6-v2", "ollama:nomic-embed-text", ...). */
    String modelId();

    /** One vector per text, in order, each of unit length. */
    List<float[]> embedAll(List<String> texts) throws EmbeddingException, InterruptedException;

    /**
     * False while embedding would first have to load the model (seconds): the semantic layer then
     * keeps the embedder off the request's path and embeds after the answer is sent.
     */
    default boolean ready() { return true; }

    default float[] embed(String text) throws EmbeddingException, InterruptedException {
        return embedAll(List.of(text)).getFirst();
    }

    /** Scales {@code v} to unit length in place (cosine then equals the dot product). */
    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) sum += x * x;
        if (sum == 0) return v;
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
        return v;
    }
}
