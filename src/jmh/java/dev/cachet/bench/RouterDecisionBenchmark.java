package dev.cachet.bench;

import dev.cachet.engine.routing.ComplexityAnalyzer;
import dev.cachet.engine.routing.DataQuestionScorer;
import dev.cachet.engine.routing.HeuristicRouter;
import dev.cachet.engine.routing.RouteDecision;
import dev.cachet.engine.routing.RoutesFile;
import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The heuristic routing decision of one message — analysis (tokens, language, stems) plus every
 * route's keywords, regexes and examples plus the schema scorer — with a 12-table, 80-column schema
 * loaded, over a rotation of greetings, data questions and general requests in English and Spanish.
 * {@code decideAndSize} adds the complexity analysis (what the route + complexity stages do per request).
 * Sample mode: the report has p50/p99 per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class RouterDecisionBenchmark {

    static final List<String> MESSAGES = List.of(
            "hello, how are you today?",
            "How many orders were placed in March 2024?",
            "list all customers in Madrid with more than 3 orders",
            "which product has the highest unit price?",
            "Explain how a hash map handles collisions, with an example in Java.",
            "thanks a lot!",
            "what is the average order value per customer segment last year",
            "Write a short email to my landlord about the broken heating, polite but firm.",
            "¿Cuántos pedidos hizo cada cliente en 2023?",
            "compare the revenue of the top five products by category and explain the trend",
            "who made you?",
            "show me the suppliers whose products were returned most often");

    private HeuristicRouter router;
    private TextAnalyzer analyzer;
    private ComplexityAnalyzer complexity;
    private SchemaVocabulary schema;
    private int next;

    @Setup
    public void setUp() {
        analyzer = new TextAnalyzer();
        router = new HeuristicRouter(new RoutesFile().builtIn(), analyzer, new DataQuestionScorer());
        complexity = new ComplexityAnalyzer();
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("customers", List.of("customer_id", "first_name", "last_name", "email", "city", "country", "segment", "created_at"));
        tables.put("orders", List.of("order_id", "customer_id", "order_date", "status", "total_amount", "shipping_city", "channel"));
        tables.put("order_items", List.of("order_id", "product_id", "quantity", "unit_price", "discount"));
        tables.put("products", List.of("product_id", "name", "category_id", "supplier_id", "unit_price", "stock", "launched_on"));
        tables.put("categories", List.of("category_id", "name", "parent_id"));
        tables.put("suppliers", List.of("supplier_id", "company_name", "country", "rating"));
        tables.put("returns", List.of("return_id", "order_id", "product_id", "reason", "returned_at"));
        tables.put("employees", List.of("employee_id", "firstName", "lastName", "hireDate", "managerId", "salary", "department"));
        tables.put("departments", List.of("department_id", "name", "budget", "location"));
        tables.put("payments", List.of("payment_id", "order_id", "amount", "method", "paid_at"));
        tables.put("shipments", List.of("shipment_id", "order_id", "carrier", "shipped_at", "delivered_at", "tracking_number"));
        tables.put("reviews", List.of("review_id", "product_id", "customer_id", "stars", "title", "body", "reviewed_at"));
        schema = SchemaVocabulary.of(tables);
    }

    @Benchmark
    public RouteDecision decide() {
        String m = MESSAGES.get(next++ % MESSAGES.size());
        return router.decide(analyzer.analyze(m), schema);
    }

    @Benchmark
    public Object decideAndSize() {
        String m = MESSAGES.get(next++ % MESSAGES.size());
        AnalyzedText text = analyzer.analyze(m);
        RouteDecision d = router.decide(text, schema);
        return complexity.analyze(text, d.route().equals("greeting"));
    }
}
