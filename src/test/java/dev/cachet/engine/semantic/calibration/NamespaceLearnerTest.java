package dev.cachet.engine.semantic.calibration;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamespaceLearnerTest {

    private static Label label(double score, boolean agree, long entry) {
        return new Label("ns", entry, score, agree, Label.Source.ANSWERS_COMPARED, Instant.EPOCH);
    }

    private static Label rated(double score, boolean agree, long entry) {
        return new Label("ns", entry, score, agree, Label.Source.FEEDBACK, Instant.EPOCH);
    }

    private static NamespaceLearner empty() { return new NamespaceLearner("ns", 0.02, 0.9, 30, List.of(), new long[ScoreBins.COUNT]); }

    @Test
    void warmsUp_untilEnoughLabelsOfBothKinds() {
        var l = empty();
        for (int i = 0; i < 40; i++) {
            l.countLookup(0.95);
            l.addLabel(label(0.95, true, 1));
        }
        assertThat(l.calibration().phase()).as("40 labels, all agreeing").isEqualTo(Calibration.Phase.WARMING_UP);
        for (int i = 0; i < 5; i++) {
            l.countLookup(0.6);
            l.addLabel(label(0.6, false, 2));
        }
        assertThat(l.calibration().phase()).isEqualTo(Calibration.Phase.LEARNED);
        assertThat(l.calibration().labels()).isEqualTo(45);
    }

    @Test
    void anEntryRatedWrong_remembersTheHighestScore() {
        var l = empty();
        l.addLabel(rated(0.91, false, 7));
        l.addLabel(new Label("ns", 7, 0.95, false, Label.Source.REGENERATED, Instant.EPOCH));
        l.addLabel(rated(0.97, true, 7));
        assertThat(l.differentAt(7)).hasValue(0.95);
        assertThat(l.differentAt(8)).isEmpty();
    }

    @Test
    void comparedAnswers_teachTheCurveOnly_notTheEntry() {
        var l = empty();
        l.addLabel(label(0.93, false, 7));
        assertThat(l.differentAt(7)).isEmpty();
        assertThat(l.calibration().disagreeLabels()).isEqualTo(1);
    }

    @Test
    void startsFromItsStoredLabelsAndCounts() {
        var labels = new ArrayList<Label>();
        for (int i = 0; i < 200; i++) labels.add(label(0.5 + i * 0.0025, i % 3 != 0 && i > 60, i));
        long[] lookups = new long[ScoreBins.COUNT];
        for (var l : labels) lookups[ScoreBins.of(l.score())]++;
        var restored = new NamespaceLearner("ns", 0.02, 0.9, 30, labels, lookups);
        var live = empty();
        for (var l : labels) {
            live.countLookup(l.score());
            live.addLabel(l);
        }
        assertThat(restored.calibration().serveAt()).isEqualTo(live.calibration().serveAt());
        assertThat(restored.calibration().labels()).isEqualTo(200);
        assertThat(restored.calibration().lookups()).isEqualTo(200);
    }

    @Test
    void vetoedLookups_areSavedAfterTheOthers_andRestored() {
        var labels = new ArrayList<Label>();
        for (int i = 0; i < 200; i++) labels.add(label(0.5 + i * 0.0025, i % 3 != 0 && i > 60, i));
        var live = empty();
        for (var l : labels) {
            live.countLookup(l.score());
            live.addLabel(l);
        }
        for (int i = 0; i < 400; i++) live.countVetoed(0.97);
        live.refit();
        long[] saved = live.unsavedLookups();
        assertThat(saved).hasSize(2 * ScoreBins.COUNT);
        assertThat(saved[ScoreBins.COUNT + ScoreBins.of(0.97)]).isEqualTo(400);
        var restored = new NamespaceLearner("ns", 0.02, 0.9, 30, labels, saved);
        assertThat(restored.calibration()).usingRecursiveComparison().isEqualTo(live.calibration());
        // counts saved before vetoed lookups were counted (one array of COUNT) still load
        var old = new NamespaceLearner("ns", 0.02, 0.9, 30, labels, java.util.Arrays.copyOf(saved, ScoreBins.COUNT));
        assertThat(old.calibration().serveAt()).isGreaterThanOrEqualTo(restored.calibration().serveAt());
    }

    @Test
    void unsavedLookups_areHandedOutOnce() {
        var l = empty();
        l.countLookup(0.9);
        assertThat(l.unsavedLookups()[ScoreBins.of(0.9)]).isEqualTo(1);
        assertThat(l.unsavedLookups()).isNull();
    }

    @Test
    void refitIsDue_everyTwentyLookups() {
        var l = empty();
        int due = 0;
        for (int i = 0; i < 100; i++) if (l.countLookup(0.8)) {
            due++;
            l.refit();
        }
        assertThat(due).isEqualTo(5);
    }

    @Test
    void badBounds_failWithTheirValue() {
        assertThatThrownBy(() -> new NamespaceLearner("ns", 0, 0.9, 30, List.of(), new long[0])).hasMessageContaining("was 0");
        assertThatThrownBy(() -> new NamespaceLearner("ns", 0.02, 1, 30, List.of(), new long[0])).hasMessageContaining("confidence");
    }
}
