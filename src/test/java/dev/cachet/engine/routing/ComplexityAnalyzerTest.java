package dev.cachet.engine.routing;

import dev.cachet.engine.routing.text.TextAnalyzer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComplexityAnalyzerTest {

    private final TextAnalyzer analyzer = new TextAnalyzer();
    private final ComplexityAnalyzer complexity = new ComplexityAnalyzer();

    private ComplexityLevel level(String text) { return complexity.analyze(analyzer.analyze(text), false).level(); }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ok thanks                                                      | TRIVIAL",
            "what is a vector database?                                     | SIMPLE",
            "who wrote Don Quixote                                          | SIMPLE",
            "how many orders are there per status?                          | SIMPLE",
            "¿qué es una base de datos vectorial?                           | SIMPLE",
            "how does a bloom filter avoid false negatives?                 | MEDIUM",
            "explica cómo funciona un índice B-tree                         | MEDIUM",
            "compare PostgreSQL and MySQL for a write-heavy workload        | COMPLEX",
            "what are the pros and cons of event sourcing?                  | COMPLEX",
            "compara Rust y Go para servicios web                           | COMPLEX",
            "list all the orders placed in March with their customers       | COMPREHENSIVE",
            "compare all the cloud providers on price, latency and support  | COMPREHENSIVE",
            "lista todos los pedidos de marzo                               | COMPREHENSIVE",
            "give me a comprehensive overview of the history of cryptography and its main turning points | COMPREHENSIVE"})
    void patternsLengthAndStructure_setTheLevel(String text, ComplexityLevel expected) {
        assertThat(level(text.strip())).isEqualTo(expected);
    }

    @Test void smallTalk_isTrivial_whateverItsWords() {
        var c = complexity.analyze(analyzer.analyze("good morning, how are you doing today?"), true);
        assertThat(c.level()).isEqualTo(ComplexityLevel.TRIVIAL);
        assertThat(c.reason()).isEqualTo("small talk");
    }

    @Test void severalQuestionsOrAList_raiseTheLevel() {
        assertThat(level("What is Kafka? How does it store data? Why is it fast? When should I avoid it?")).isGreaterThanOrEqualTo(ComplexityLevel.COMPLEX);
        assertThat(level("Review this plan:\n1. migrate the schema\n2. backfill\n3. switch reads\n4. drop the old table"))
                .isEqualTo(ComplexityLevel.COMPLEX);
    }

    @Test void defaultBudgets_growWithTheLevel_andLargeLevelsUseTheLargeTier() {
        var s = RoutingSettings.DEFAULTS;
        assertThat(s.budget(ComplexityLevel.TRIVIAL).skipRetrieval()).isTrue();
        assertThat(s.budget(ComplexityLevel.SIMPLE).maxTokens()).isLessThan(s.budget(ComplexityLevel.COMPREHENSIVE).maxTokens());
        assertThat(s.budget(ComplexityLevel.COMPLEX).tier()).isEqualTo("large");
        assertThat(s.budget(ComplexityLevel.COMPREHENSIVE).tier()).isEqualTo("large");
        assertThat(s.budget(ComplexityLevel.SIMPLE).tier()).isEqualTo("small");
    }
}
