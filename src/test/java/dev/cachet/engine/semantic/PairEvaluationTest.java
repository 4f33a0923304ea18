package dev.cachet.engine.semantic;

import dev.cachet.engine.config.SemanticSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairEvaluationTest {

    @TempDir Path dir;

    @Test
    void countsCorrectAndFalseHits_andTheBaselineSideBySide() throws Exception {
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, """
                {"a": "How can I learn Java quickly?", "b": "How do I learn Java quickly?", "same": true}
                {"a": "What were the best selling cars in 2019?", "b": "What were the best selling cars in 2020?", "same": false}
                {"a": "Who is the best dermatologist in India?", "b": "Who is the best dermatologist in London?", "same": false}
                {"a": "How do I bake sourdough bread?", "b": "What is the tallest mountain in Africa?", "same": true}
                """);
        var pairs = PairEvaluation.read(file);
        var embedder = new CachedEmbedder(SemanticCacheStageTest.MINILM, new EmbeddingCache(new InMemorySemanticStore(), 100));
        var report = new PairEvaluation(embedder, m -> { }).run(pairs, MatchPolicy.settingsOf(SemanticSettings.DEFAULTS), 0.8, List.of(0.8, 0.9));

        var policy = report.policy();
        assertThat(policy.pairs()).isEqualTo(4);
        assertThat(policy.correctHits()).isEqualTo(1);
        assertThat(policy.hitRate()).isEqualTo(0.5);
        assertThat(policy.falseHits()).isZero();
        assertThat(policy.precision()).isEqualTo(1.0);
        // GPTCache's rule serves 2020's answer from 2019's and London's from India's.
        assertThat(report.baseline().falseHits()).isEqualTo(2);
        assertThat(report.baseline().falseHitRate()).isEqualTo(1.0);
        assertThat(report.baseline().falseHitsOwnA()).isEqualTo(2);
        assertThat(report.policyCurve()).hasSize(2);
        assertThat(report.baselineCurve()).extracting(PairEvaluation.Point::threshold).containsExactly(0.8, 0.9);
        assertThat(policy.lookupP95Ms()).isGreaterThan(0);
    }

    @Test
    void badLine_namesFileAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"a\": \"x\", \"b\": \"y\", \"same\": true}\n{\"a\": \"x\", \"same\": true}\n");
        assertThatThrownBy(() -> PairEvaluation.read(file)).hasMessageContaining(file + ":2").hasMessageContaining("\"b\"");
        Files.writeString(file, "not json\n");
        assertThatThrownBy(() -> PairEvaluation.read(file)).hasMessageContaining(file + ":1: not JSON");
    }
}
