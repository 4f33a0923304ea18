package dev.cachet.engine.retrieval;

import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.semantic.EmbeddingException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;

/**
 * The semantic layer's embedder chain (embedding cache, micro-batcher, model) as a langchain4j
 * {@link EmbeddingModel}, so langchain4j's retrievers embed through the same cache.
 */
public final class EmbedderModel implements EmbeddingModel {

    private final Embedder embedder;

    public EmbedderModel(Embedder embedder) { this.embedder = embedder; }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        try {
            List<float[]> vectors = embedder.embedAll(segments.stream().map(TextSegment::text).toList());
            return Response.from(vectors.stream().map(Embedding::from).toList());
        } catch (EmbeddingException e) {
            throw new IllegalStateException("embedding failed (" + embedder.modelId() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("embedding interrupted", e);
        }
    }

    @Override public String modelName() { return embedder.modelId(); }
}
