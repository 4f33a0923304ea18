package dev.cachet.engine.retrieval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryExpansionTest {

    @Test
    void compoundQuestion_isSplitIntoItsParts_afterTheWholeQuestion() {
        assertThat(QueryExpansion.expand("Which port does the relay use, and how often is it backed up?", 6))
                .containsExactly("Which port does the relay use, and how often is it backed up?",
                        "Which port does the relay use", "how often is it backed up?");
        assertThat(QueryExpansion.expand("Where are the logs? What is the admin account called?", 6))
                .containsExactly("Where are the logs? What is the admin account called?", "Where are the logs?", "What is the admin account called?");
    }

    @Test
    void simpleQuestion_staysOneQuery_andTheLimitHolds() {
        assertThat(QueryExpansion.expand("How do I restore a backup?", 6)).containsExactly("How do I restore a backup?");
        assertThat(QueryExpansion.expand("salt and pepper are used by the relay", 6)).hasSize(1);
        assertThat(QueryExpansion.expand("Where are logs? What port? How much memory does it need? Which licence applies?", 2)).hasSize(2);
    }

    @Test
    void trivialTurns_areRecognised_questionsAreNot() {
        for (String t : new String[]{"hi", "Hello!", "hey there", "thanks", "thank you very much", "ok", "got it.", "good morning", "bye"}) {
            assertThat(TrivialTurn.reason(t)).as(t).isNotNull();
        }
        for (String t : new String[]{"hi, which port?", "thanks, and where are the logs?", "ok so how do I restore?", "What is a relay?"}) {
            assertThat(TrivialTurn.reason(t)).as(t).isNull();
        }
    }
}
