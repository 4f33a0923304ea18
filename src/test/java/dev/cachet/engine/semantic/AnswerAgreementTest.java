package dev.cachet.engine.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer comparator on answer pairs written as a model answers (semantic/answer-pairs.jsonl):
 * 20 pairs answering the same question reworded (should agree), 20 answering a different question on
 * the same topic — swapped directions, a changed word, a neighbouring fact (should disagree).
 */
class AnswerAgreementTest {

    private final AnswerAgreement agreement = new AnswerAgreement(SemanticCacheStageTest.MINILM);

    record Case(String q1, String q2, String a1, String a2, boolean same) { }

    static List<Case> cases() throws Exception {
        var json = new ObjectMapper();
        var out = new ArrayList<Case>();
        try (var in = new BufferedReader(new InputStreamReader(
                AnswerAgreementTest.class.getResourceAsStream("/semantic/answer-pairs.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                out.add(new Case(n.get("q1").asText(), n.get("q2").asText(), n.get("a1").asText(), n.get("a2").asText(),
                        n.get("same").asBoolean()));
            }
        }
        return out;
    }

    @Test
    void errorRate_onWrittenAnswerPairs() throws Exception {
        int falseAgree = 0, falseDisagree = 0, same = 0, different = 0;
        var wrong = new ArrayList<String>();
        for (Case c : cases()) {
            var v = agreement.compare(c.a1(), c.a2());
            if (c.same()) same++;
            else different++;
            if (v.agree() != c.same()) {
                if (c.same()) falseDisagree++;
                else falseAgree++;
                wrong.add((c.same() ? "same judged different: " : "different judged same: ") + c.q1() + " / " + c.q2() + " — " + v.reason());
            }
        }
        System.out.printf("answer comparator: %d pairs, false 'same' %d/%d, false 'different' %d/%d%n",
                same + different, falseAgree, different, falseDisagree, same);
        wrong.forEach(w -> System.out.println("  " + w));
        assertThat(same).isEqualTo(20);
        assertThat(different).isEqualTo(20);
        // Measured: 2 of 20 different-question pairs judged "same" (git reset --soft/--hard, thank you/merci),
        // 4 of 20 reworded-question pairs judged "different" (short or differently structured answers).
        // A false "same" teaches the namespace to serve wrongly (the dangerous side); a false "different" only
        // makes it cautious. The test holds the comparator to what it does now.
        assertThat(falseAgree).as(String.join("\n", wrong)).isLessThanOrEqualTo(2);
        assertThat(falseDisagree).as(String.join("\n", wrong)).isLessThanOrEqualTo(4);
    }

    @Test
    void swappedDirections_disagreeOnTheirNumbers() throws Exception {
        var v = agreement.compare("10 miles is about 16.09 kilometres (1 mile = 1.609 km).",
                "10 kilometres is about 6.21 miles (1 km = 0.621 miles).");
        assertThat(v.agree()).isFalse();
        assertThat(v.reason()).contains("different numbers");
    }

    @Test
    void yesAgainstNo_disagrees() throws Exception {
        var v = agreement.compare("Yes, Java is usually faster than Python.", "No, Python is usually slower than Java.");
        assertThat(v.agree()).isFalse();
        assertThat(v.reason()).contains("'yes'").contains("'no'");
    }

    @Test
    void listNumbering_isNoNumberContradiction() throws Exception {
        var v = agreement.compare("1. Preheat the oven.\n2. Mix flour and sugar.\n3. Bake.",
                "1. Preheat the oven\n2. Combine the flour and the sugar\n3. Bake until golden\n4. Let it cool");
        assertThat(v.reason()).doesNotContain("different numbers");
    }
}
