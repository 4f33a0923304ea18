package dev.cachet.engine.routing;

import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in routes against a shop schema: what a person would expect each message to do, and why. */
class HeuristicRouterTest {

    static final SchemaVocabulary SHOP = SchemaVocabulary.of(shop());
    static final SchemaVocabulary TIENDA = SchemaVocabulary.of(Map.of(
            "clientes", List.of("cliente_id", "nombre", "ciudad"),
            "pedidos", List.of("pedido_id", "cliente_id", "fecha", "importe_total")));

    private final TextAnalyzer analyzer = new TextAnalyzer();
    private final HeuristicRouter router = new HeuristicRouter(new RoutesFile().builtIn(), analyzer, new DataQuestionScorer());

    static Map<String, List<String>> shop() {
        var m = new LinkedHashMap<String, List<String>>();
        m.put("customers", List.of("customer_id", "name", "city", "country", "signup_date"));
        m.put("orders", List.of("order_id", "customer_id", "order_date", "status"));
        m.put("order_items", List.of("order_id", "product_id", "quantity", "unit_price"));
        m.put("products", List.of("product_id", "name", "category_id", "unit_price", "stock"));
        return m;
    }

    private RouteDecision decide(String text, SchemaVocabulary schema) { return router.decide(analyzer.analyze(text), schema); }

    @ParameterizedTest
    @ValueSource(strings = {"How many customers are there?", "Which product has the highest unit price?",
            "list the orders placed after March 2024 with their status", "what is the average quantity per order item?",
            "show me the customers in Lisbon"})
    void dataQuestions_goToTheDataRoute_withTheSchemaWordsAsReason(String question) {
        var d = decide(question, SHOP);
        assertThat(d.route()).isEqualTo("data");
        assertThat(d.confidence()).isGreaterThanOrEqualTo(0.6);
        assertThat(d.reason()).contains("names ");
    }

    @Test void theSameQuestion_withoutADatabase_isGeneral() {
        var d = decide("How many customers are there?", SchemaVocabulary.EMPTY);
        assertThat(d.route()).isEqualTo("general");
        assertThat(d.scoreOf("data")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello!", "Thanks a lot, that was helpful", "good morning, how are you?", "who made you?",
            "Hola, ¿cómo estás?"})
    void greetings_goToTheGreetingRoute(String message) {
        assertThat(decide(message, SHOP).route()).isEqualTo("greeting");
    }

    @Test void aGreetingWithARealQuestion_isNotSmallTalk() {
        var d = decide("Hi! Can you explain how a B-tree index speeds up range queries in detail?", SHOP);
        assertThat(d.route()).isEqualTo("general");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Write a haiku about autumn leaves", "Explain the difference between TCP and UDP",
            "why did the roman empire fall"})
    void everythingElse_isGeneral(String message) {
        assertThat(decide(message, SHOP).route()).isEqualTo("general");
    }

    @Test void statementsAndPointingBack_lowerTheDataScore_andSaySo() {
        var statement = decide("the customers in madrid ordered more than the customers in lisbon", SHOP);
        var question = decide("which customers in madrid ordered more than the customers in lisbon?", SHOP);
        assertThat(statement.scoreOf("data")).isLessThan(question.scoreOf("data"));
        assertThat(statement.candidates().stream().filter(c -> c.route().equals("data")).findFirst().orElseThrow().reasons())
                .contains("a statement, not a question");
        var pointing = decide("what are their names?", SHOP);
        assertThat(pointing.candidates().stream().filter(c -> c.route().equals("data")).findFirst().orElseThrow().reasons())
                .anyMatch(r -> r.startsWith("points back at"));
    }

    @Test void spanishQuestions_matchASpanishSchema() {
        var d = decide("¿Cuántos pedidos hizo cada cliente en 2023?", TIENDA);
        assertThat(d.route()).isEqualTo("data");
        assertThat(d.reason()).contains("pedido");
    }

    @Test void candidates_coverEveryRoute_andSumToOne() {
        var d = decide("what is the capital of France", SHOP);
        assertThat(d.candidates()).extracting(RouteDecision.Candidate::route).containsExactlyInAnyOrder("greeting", "data", "general");
        assertThat(d.candidates().stream().mapToDouble(RouteDecision.Candidate::score).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
