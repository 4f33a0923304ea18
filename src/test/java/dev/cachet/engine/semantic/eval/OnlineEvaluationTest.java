package dev.cachet.engine.semantic.eval;

import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.semantic.CachedEmbedder;
import dev.cachet.engine.semantic.EmbeddingCache;
import dev.cachet.engine.semantic.InMemorySemanticStore;
import dev.cachet.engine.semantic.MatchPolicy;
import dev.cachet.engine.semantic.OnnxEmbedder;
import dev.cachet.engine.semantic.PairEvaluation.Pair;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OnlineEvaluationTest {

    private static final CachedEmbedder EMBEDDER = new CachedEmbedder(OnnxEmbedder.miniLm(),
            new EmbeddingCache(new InMemorySemanticStore(), 10_000));

    private static Pair pair(String a, String b, boolean same) { return new Pair(a, b, same, 0); }

    @Test
    void hindsight_picksTheLowestThresholdWithinTheBound() {
        // scores of each b's nearest a, whether it is the pair's own a, and the label
        var pairs = List.of(pair("a", "b", true), pair("a", "b", true), pair("a", "b", false), pair("a", "b", true),
                pair("a", "b", false), pair("a", "b", true));
        // truth codes: 1 same, 0 different, -1 another a whose answer no label speaks of
        var top = List.of(new float[] {0.99f, 1}, new float[] {0.95f, 1}, new float[] {0.93f, 0}, new float[] {0.90f, 1},
                new float[] {0.85f, 0}, new float[] {0.80f, -1});
        var within = OnlineEvaluation.hindsight(pairs, top, 0.5);
        assertThat(within.threshold()).isEqualTo(0.90f);  // one false hit of two different pairs = 0.5
        assertThat(within.hitRate()).isEqualTo(0.75);
        var strict = OnlineEvaluation.hindsight(pairs, top, 0.0);
        assertThat(strict.threshold()).isEqualTo(0.95f);
        assertThat(strict.hitRate()).isEqualTo(0.5);
        assertThat(strict.falseHitRate()).isZero();
    }

    @Test
    void truth_isThePairsOwnLabel_orAnotherPairsLabel_orUnknown() {
        var pairs = List.of(pair("q1", "q2", true), pair("q3", "q2", false));
        var labelled = OnlineEvaluation.labelsByPair(pairs);
        Pair lookup = pairs.get(0);
        assertThat(OnlineEvaluation.truth(lookup, "q1", labelled)).isEqualTo(OnlineEvaluation.Truth.SAME);
        assertThat(OnlineEvaluation.truth(lookup, "q3", labelled)).as("q3/q2 is labelled elsewhere").isEqualTo(OnlineEvaluation.Truth.DIFFERENT);
        assertThat(OnlineEvaluation.truth(lookup, "q9", labelled)).isEqualTo(OnlineEvaluation.Truth.UNKNOWN);
    }

    @Test
    void aLookupWrittenExactlyLikeAStoredQuestion_isTheExactCachesHit_andTeachesNothing() throws Exception {
        var pairs = triplePairs();
        // as in Quora's file: a b identical to another pair's a, labelled different from its own a
        pairs.add(pair("Can ibuprofen cause stomach ulcers?", TRIPLES[1][0], false));
        pairs.add(pair("What vitamins help with hair loss?", TRIPLES[3][0], false));
        var settings = SemanticSettings.DEFAULTS;
        var r = new OnlineEvaluation(EMBEDDER, m -> { }).run(pairs, settings, MatchPolicy.settingsOf(settings), 0.8, 0.02, 5);

        assertThat(r.exactHits()).isEqualTo(2);
        assertThat(r.learned().whole().lookups()).isEqualTo(40);
        assertThat(r.finalCalibration().labels()).isLessThanOrEqualTo(r.learned().whole().explores());
    }

    /** Questions with a reworded twin (same) and a related but different one, as in the medical pairs file. */
    private static final String[][] TRIPLES = {
            {"Is it safe to take ibuprofen while pregnant?", "Can pregnant women take ibuprofen safely?", "Can ibuprofen cause a miscarriage?"},
            {"How long does a cold usually last?", "What is the normal duration of a common cold?", "How long is a cold contagious?"},
            {"What are the symptoms of iron deficiency?", "How do I know if I am low on iron?", "What foods are high in iron?"},
            {"Can stress cause high blood pressure?", "Does being stressed raise your blood pressure?", "Can high blood pressure cause headaches?"},
            {"How much sleep does a teenager need?", "How many hours should a teen sleep each night?", "Why do teenagers sleep so late?"},
            {"Is it normal to have a fever after a vaccine?", "Should I expect a fever after getting vaccinated?", "Can I take a vaccine while I have a fever?"},
            {"What helps with heartburn at night?", "How can I stop heartburn when I lie down?", "Is heartburn a sign of a heart attack?"},
            {"How do I treat a sprained ankle at home?", "What is the home care for an ankle sprain?", "How do I know if my ankle is broken or sprained?"},
            {"Can children take melatonin?", "Is melatonin safe for kids?", "What is the right melatonin dose for adults?"},
            {"Why do my knees hurt when I climb stairs?", "What causes knee pain going up stairs?", "Why do my knees crack when I squat?"},
            {"How often should I get my eyes checked?", "How frequently should I have an eye exam?", "What does an eye exam check for?"},
            {"Is coffee bad for acid reflux?", "Does drinking coffee make reflux worse?", "Is tea better than coffee for reflux?"},
            {"What causes a metallic taste in the mouth?", "Why does my mouth taste like metal?", "How do I get rid of bad breath?"},
            {"Can dehydration cause dizziness?", "Does not drinking enough water make you dizzy?", "Can dehydration cause a fever?"},
            {"How long do antibiotics take to work for a UTI?", "When will antibiotics start helping my urinary infection?", "Can a UTI go away without antibiotics?"},
            {"What is a normal blood sugar level after eating?", "What should my glucose be after a meal?", "What is a normal fasting blood sugar?"},
            {"Why do I get headaches after exercise?", "What causes a headache after working out?", "Can exercise help with migraines?"},
            {"Is it bad to crack your knuckles?", "Does knuckle cracking cause damage?", "Why do knuckles make a popping sound?"},
            {"How can I lower my cholesterol naturally?", "What are natural ways to reduce cholesterol?", "What is a normal cholesterol level?"},
            {"What should I do for a bee sting?", "How do I treat a bee sting?", "How do I know if I am allergic to bee stings?"},
    };

    /** Each triple as two pairs: its question with the reworded twin (same) and with the related one (different). */
    private static List<Pair> triplePairs() {
        var pairs = new ArrayList<Pair>();
        for (String[] t : TRIPLES) {
            pairs.add(pair(t[0], t[1], true));
            pairs.add(pair(t[0], t[2], false));
        }
        return pairs;
    }

    @Test
    void theLoop_isSeededAndAccountsForEveryLookup() throws Exception {
        var pairs = triplePairs();
        var settings = SemanticSettings.DEFAULTS;
        var eval = new OnlineEvaluation(EMBEDDER, m -> { });
        var r1 = eval.run(pairs, settings, MatchPolicy.settingsOf(settings), 0.8, 0.02, 3);
        var again = eval.run(pairs, settings, MatchPolicy.settingsOf(settings), 0.8, 0.02, 3);
        assertThat(again.learned()).isEqualTo(r1.learned());

        var whole = r1.learned().whole();
        assertThat(whole.lookups()).isEqualTo(40);
        assertThat(r1.learned().secondHalf().lookups()).isEqualTo(20);
        assertThat(whole.explores()).as("the warm-up explores what the fixed policy does not serve").isPositive();
        assertThat(r1.finalCalibration().labels()).as("each explore taught one label").isEqualTo(whole.explores());
        assertThat(whole.exploreRate()).isEqualTo(whole.explores() / 40.0);
        // the plain cosine rule explores nothing and serves at least as much
        assertThat(r1.baseline().whole().explores()).isZero();
        assertThat(r1.baseline().whole().hitRate()).isGreaterThanOrEqualTo(whole.hitRate());
        assertThat(r1.hindsight().falseHitRate()).isLessThanOrEqualTo(0.02);
    }
}
