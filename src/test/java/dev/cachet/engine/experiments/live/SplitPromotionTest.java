package dev.cachet.engine.experiments.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Promote rewrites a real template file: the winner's weight 1, the others 0, everything else as written. */
class SplitPromotionTest {

    @TempDir Path dir;

    @Test
    void promote_setsTheWinnersWeight_keepingCommentsAndOtherFields() throws Exception {
        Path file = dir.resolve("general-assistant.yaml");
        Files.writeString(file, """
                # A general assistant: the A/B demo.
                id: general-assistant
                params:
                  temperature: 0.3   # low: answers should repeat
                variants:
                  A:
                    description: Plain answer (baseline).
                  B:
                    description: "Answer first; split: no"
                split:
                  A: 0.5  # baseline
                  B: '0.5'
                  C: 1e-1
                tags: [chat]
                """);
        SplitPromotion.promote(file, "B");
        assertThat(Files.readString(file)).isEqualTo("""
                # A general assistant: the A/B demo.
                id: general-assistant
                params:
                  temperature: 0.3   # low: answers should repeat
                variants:
                  A:
                    description: Plain answer (baseline).
                  B:
                    description: "Answer first; split: no"
                split:
                  A: 0  # baseline
                  B: 1
                  C: 0
                tags: [chat]
                """);
    }

    @Test
    void promote_inAFlowMapping() throws Exception {
        assertThat(SplitPromotion.promote("id: t\nsplit: {warm: 0.25, brief: 0.75} # keep\n", "t.yaml", "warm"))
                .isEqualTo("id: t\nsplit: {warm: 1, brief: 0} # keep\n");
    }

    @Test
    void promote_aVariantWithoutAWeight_orAFileWithoutSplit_isAnErrorNamingTheFile() {
        assertThatThrownBy(() -> SplitPromotion.promote("id: t\nsplit:\n  a: 1\n  b: 0\n", "t.yaml", "c"))
                .hasMessage("t.yaml: variant 'c' has no weight under 'split' (weights for: a, b)");
        assertThatThrownBy(() -> SplitPromotion.promote("id: t\nvariants: {a: {}}\n", "t.yaml", "a"))
                .hasMessage("t.yaml: no 'split' to promote a variant in");
    }
}
