package dev.cachet.engine.semantic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's handle on the process-wide MiniLM model: close stops or waits for its work, never the model. */
class OnnxEmbedderTest {

    @Test
    void close_rightAfterTheWarmUpStarted_returnsWithNothingLeftInsideTheModel() {
        var embedder = OnnxEmbedder.miniLm();
        embedder.warmUpInBackground();
        embedder.close();
        assertThat(embedder.callsInside()).isZero();
    }

    @Test
    void anEmbedderClosed_refusesCalls_whileAnotherEngineKeepsUsingTheSharedModel() throws Exception {
        var first = OnnxEmbedder.miniLm();
        var second = OnnxEmbedder.miniLm();
        float[] before = first.embed("How do I reset my password?");
        first.close();

        assertThatThrownBy(() -> first.embed("anything")).isInstanceOf(EmbeddingException.class).hasMessageContaining("closed");
        assertThat(second.embed("How do I reset my password?")).containsExactly(before);
        assertThat(before).hasSize(384);
        second.close();
    }
}
