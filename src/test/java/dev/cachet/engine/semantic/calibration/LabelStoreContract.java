package dev.cachet.engine.semantic.calibration;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every label store promises; each implementation extends this. */
abstract class LabelStoreContract {

    protected abstract LabelStore store();

    private static Label label(String ns, long entry, double score, boolean agree, Label.Source source) {
        return new Label(ns, entry, score, agree, source, Instant.ofEpochMilli(1_000 + entry));
    }

    @Test
    void labels_comeBackInOrder_perNamespace() {
        var s = store();
        s.addLabel(label("a", 1, 0.91, true, Label.Source.ANSWERS_COMPARED));
        s.addLabel(label("b", 2, 0.50, false, Label.Source.FEEDBACK));
        s.addLabel(label("a", 3, 0.87, false, Label.Source.REGENERATED));
        assertThat(s.labels("a")).containsExactly(label("a", 1, 0.91, true, Label.Source.ANSWERS_COMPARED),
                label("a", 3, 0.87, false, Label.Source.REGENERATED));
        assertThat(s.labels("b")).hasSize(1);
        assertThat(s.labels("none")).isEmpty();
    }

    @Test
    void lookups_areReplacedWhole() {
        var s = store();
        long[] counts = new long[2 * ScoreBins.COUNT];  // lookups with a candidate, then vetoed ones
        counts[10] = 3;
        counts[199] = 7;
        counts[2 * ScoreBins.COUNT - 1] = 2;
        s.saveLookups("a", counts);
        counts[10] = 4;
        s.saveLookups("a", counts);
        assertThat(s.lookups("a")).isEqualTo(counts);
        assertThat(s.lookups("b")).containsOnly(0L);
    }

    @Test
    void clear_forgetsOneNamespaceOnly() {
        var s = store();
        s.addLabel(label("a", 1, 0.9, true, Label.Source.ANSWERS_COMPARED));
        s.addLabel(label("a", 2, 0.8, false, Label.Source.ANSWERS_COMPARED));
        s.addLabel(label("b", 3, 0.8, false, Label.Source.ANSWERS_COMPARED));
        long[] counts = new long[ScoreBins.COUNT];
        counts[5] = 1;
        s.saveLookups("a", counts);
        assertThat(s.clear("a")).isEqualTo(2);
        assertThat(s.labels("a")).isEmpty();
        assertThat(s.lookups("a")).containsOnly(0L);
        assertThat(s.labels("b")).hasSize(1);
    }

    @Test
    void judgeVerdicts_areRemembered() {
        var s = store();
        assertThat(s.judgeVerdict("k")).isEmpty();
        s.putJudgeVerdict("k", true, "ollama/llama3.2:1b");
        s.putJudgeVerdict("j", false, "ollama/llama3.2:1b");
        assertThat(s.judgeVerdict("k")).contains(true);
        assertThat(s.judgeVerdict("j")).contains(false);
    }
}
