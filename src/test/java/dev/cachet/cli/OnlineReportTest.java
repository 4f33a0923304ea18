package dev.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.semantic.calibration.Calibration;
import dev.cachet.engine.semantic.eval.OnlineEvaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary line of {@code eval-cache --online --seeds N}: medians, and how many seeds broke the bound. */
class OnlineReportTest {

    private static OnlineEvaluation.Report seed(long seed, double hit, double falseHits) {
        var rates = new OnlineEvaluation.Rates(496, hit, falseHits, 0.7, 0, 0, 0);
        var learned = new OnlineEvaluation.Run("learned", 0.86, rates, rates);
        var fixed = new OnlineEvaluation.Run("policy", 0.94, rates, rates);
        return new OnlineEvaluation.Report(seed, 0.02, learned, fixed, fixed, new OnlineEvaluation.Hindsight(0.853, 0.355, 0.0161, 0.02),
                Calibration.warmingUp(0.02, 0.9, 0, 0, 0), 744, 4);
    }

    @Test
    void countsTheSeedsAboveTheBound_andTheWorst_besideTheMedian() throws Exception {
        var reports = List.of(seed(1, 0.30, 0.0081), seed(2, 0.25, 0.0242), seed(3, 0.28, 0.0202), seed(4, 0.27, 0.0200),
                seed(5, 0.29, 0.0040));
        JsonNode j = new ObjectMapper().readTree(OnlineReport.json(reports, "minilm-l6-v2", "even", "mqp-pairs-dev.jsonl"));
        assertThat(j.get("falseHitRate").asDouble()).isEqualTo(0.02);
        assertThat(j.get("hitRate").asDouble()).isEqualTo(0.28);
        assertThat(j.get("worstFalseHitRate").asDouble()).isEqualTo(0.0242);
        assertThat(j.get("seedsAboveBound").asInt()).as("exactly at δ keeps it").isEqualTo(2);
        assertThat(j.get("runs")).hasSize(5);
        assertThat(j.get("exactHits").asInt()).as("answered by the exact cache, outside the rates").isEqualTo(4);
        assertThat(j.get("pairs").asInt()).isEqualTo(500);
    }
}
