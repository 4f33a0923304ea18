package dev.cachet.engine.semantic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchPolicyTest {

    private final MatchPolicy policy = new MatchPolicy(new MatchPolicy.Settings(0.90, 0.02, 0.95, 3, 0.96, true), new QueryGuards());

    private MatchPolicy.Verdict judge(String q, String cached, float score) {
        return policy.judge(q, QueryFacts.of(q), cached, QueryFacts.of(cached), score);
    }

    @Test
    void sameContentWords_needOnlyTheBaseThreshold() {
        var v = judge("How can I learn to cook pasta well?", "How do I learn to cook pasta well?", 0.91f);
        assertThat(v).isInstanceOf(MatchPolicy.Verdict.Accept.class);
        assertThat(v.threshold()).isEqualTo(0.90);
    }

    @Test
    void eachDifferingContentWord_raisesTheBar_upToTheCap() {
        assertThat(judge("How can I learn to cook pasta well?", "How can I learn to cook rice well?", 0.93f).threshold())
                .isCloseTo(0.94, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(judge("How can I learn to cook fresh pasta at home?", "Where do professional chefs buy very cheap knives?", 0.99f).threshold())
                .isEqualTo(0.95);
    }

    @Test
    void shortQueries_needTheShortThreshold() {
        var v = judge("thanks a lot", "thank you", 0.95f);
        assertThat(v).isInstanceOf(MatchPolicy.Verdict.Below.class);
        assertThat(v.threshold()).isEqualTo(0.96);
    }

    @Test
    void guardsRunOnlyAboveTheThreshold_andVetoThere() {
        assertThat(judge("Is aspirin safe?", "Is aspirin not safe?", 0.50f)).isInstanceOf(MatchPolicy.Verdict.Below.class);
        var v = judge("Is aspirin safe for children?", "Is aspirin not safe for children?", 0.99f);
        assertThat(v).isInstanceOfSatisfying(MatchPolicy.Verdict.Veto.class, veto -> assertThat(veto.veto().guard()).isEqualTo("negation"));
    }

    @Test
    void fixedRule_isThePlainCosineBaseline() {
        var plain = new MatchPolicy(MatchPolicy.Settings.fixed(0.8), new QueryGuards());
        var q = "Is aspirin safe for children?";
        var c = "Is aspirin not safe for children?";
        assertThat(plain.judge(q, QueryFacts.of(q), c, QueryFacts.of(c), 0.85f)).isInstanceOf(MatchPolicy.Verdict.Accept.class);
    }

    @Test
    void settings_failFastWithTheFieldName() {
        assertThatThrownBy(() -> new MatchPolicy.Settings(1.5, 0, 1, 0, 0, true)).hasMessageContaining("threshold").hasMessageContaining("1.5");
    }
}
