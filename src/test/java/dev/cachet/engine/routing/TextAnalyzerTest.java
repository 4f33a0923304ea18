package dev.cachet.engine.routing;

import dev.cachet.engine.routing.text.Language;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TextAnalyzerTest {

    private final TextAnalyzer analyzer = new TextAnalyzer();

    @Test void tokens_areFoldedWords_keepingApostrophesAndDecimals() {
        var t = analyzer.analyze("What's the price of Café Crème? It was 3.50 in 2024!");
        assertThat(t.tokens()).containsExactly("what's", "the", "price", "of", "cafe", "creme", "it", "was", "3.50", "in", "2024");
        assertThat(t.questionMarks()).isEqualTo(1);
        assertThat(t.isYear(10)).isTrue();
        assertThat(t.isNumber(8)).isTrue();
    }

    @Test void spanish_isRecognised_byItsFunctionWordsAndMarks() {
        assertThat(analyzer.analyze("¿Cuántos pedidos hizo cada cliente en marzo?").language()).isEqualTo(Language.SPANISH);
        assertThat(analyzer.analyze("How many orders did each customer place in March?").language()).isEqualTo(Language.ENGLISH);
    }

    @Test void stems_joinSingularAndPlural_inBothLanguages() {
        var en = analyzer.analyze("orders order ordered");
        assertThat(en.stems()).containsOnly("order");
        var es = analyzer.analyze("¿cuáles son los pedidos y el pedido?");
        assertThat(es.stems()[3]).isEqualTo(es.stems()[6]);
    }

    @Test void layout_countsListItemsQuestionsAndCode() {
        var t = analyzer.analyze("Compare these:\n- Rust\n- Go\n- Zig\nWhich is faster? Which is safer?\n```\nfn main() {}\n```");
        assertThat(t.listLines()).isEqualTo(3);
        assertThat(t.questionMarks()).isEqualTo(2);
        assertThat(t.codeBlocks()).isEqualTo(1);
    }

    @Test void schemaWords_splitSnakeDottedAndCamelCase() {
        assertThat(SchemaVocabulary.words("order_items.unit_price")).containsExactly("order", "items", "unit", "price");
        assertThat(SchemaVocabulary.words("customerFirstName")).containsExactly("customer", "first", "name");
        assertThat(SchemaVocabulary.words("2010 population (000)")).containsExactly("population");
    }

    @Test void schemaVocabulary_matchesQuestionStems_andNamesTheWordItCameFrom() {
        var schema = SchemaVocabulary.of(Map.of("order_items", List.of("order_id", "unit_price", "quantity")));
        var q = analyzer.analyze("what are the unit prices of ordered items");
        assertThat(schema.hasStem(Language.ENGLISH, q.stems()[3])).isTrue(); // unit
        assertThat(schema.hasStem(Language.ENGLISH, q.stems()[4])).isTrue(); // prices -> price
        assertThat(schema.wordOf(Language.ENGLISH, q.stems()[4])).isEqualTo("price");
        assertThat(schema.fingerprint()).isNotEqualTo(SchemaVocabulary.of(Map.of("orders", List.of("id"))).fingerprint());
    }
}
