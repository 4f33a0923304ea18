package dev.cachet.engine.data;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.routing.RoutingSettings;
import dev.cachet.engine.trace.TraceEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The data route end to end on the sample database, with the simulator's scripted SQL standing in for the model. */
class DataRouteTest {

    @TempDir Path dir;

    private Engine open(String script) {
        var config = CachetConfig.defaults().withDefaultProvider("simulator")
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0).withScript(script))
                .withRouting(RoutingSettings.DEFAULTS.withFallback(false, false));
        return Engine.open(new EngineOptions(dir, config, false, InstantSource.system()));
    }

    private static ChatResult ask(Engine engine, String text) {
        var request = new ChatRequest(null, null, List.of(ChatMessage.user(text)), ChatParams.DEFAULTS, null, null, CacheMode.USE);
        return engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
    }

    private static TraceEntry data(ChatResult r) { return r.trace().entry("data").orElseThrow(); }

    /** A simulator script with one rule: the model's SQL for one question. */
    private String script(String name, String question, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "rules:\n  - match: \"(?is)question: " + question + ".*sql:\"\n    answer: \"" + sql + "\"\n");
        return file.toString();
    }

    @Test void aDataQuestion_isAnsweredFromTheRightRows_withTheSqlAndTableInTheTrace() {
        try (var engine = open("builtin:sample-shop")) {
            var r = (ChatResult.Answered) ask(engine, "How many customers are there?");
            assertThat(r.source()).isEqualTo(AnswerSource.DATA);
            assertThat(r.text()).isEqualTo("customers: 24");
            var d = data(r).details();
            assertThat(d.get("sql")).isEqualToIgnoringCase("SELECT COUNT(*) AS customers FROM customers");
            assertThat(d).containsEntry("rowCount", "1").containsEntry("executed", "true").containsEntry("resultCache", "miss");
            assertThat(QueryResult.fromJson(d.get("result")).rows()).containsExactly(List.of("24"));
        }
    }

    @Test void aTableOfRows_becomesAMarkdownTable() {
        try (var engine = open("builtin:sample-shop")) {
            var r = (ChatResult.Answered) ask(engine, "List the customers in Madrid");
            assertThat(r.text()).startsWith("3 rows:").contains("| name | city | signup_date |").contains("| Lucía Fernández | Madrid | 2023-02-11 |");
        }
    }

    @Test void askingAgain_usesTheCachedSqlAndRows_neverAStoredAnswer() {
        try (var engine = open("builtin:sample-shop")) {
            ask(engine, "Which product has the highest unit price?");
            var again = (ChatResult.Answered) ask(engine, "Which product has the highest unit price?");
            assertThat(again.source()).isEqualTo(AnswerSource.DATA);
            assertThat(again.trace().entry("exact").orElseThrow().decision()).isEqualTo("miss");
            assertThat(data(again).details()).containsEntry("resultCache", "hit");
            assertThat(data(again).details().get("sqlModel")).endsWith("(exact cache)");
            assertThat(again.text()).contains("Espresso Machine").contains("649");
        }
    }

    @Test void badSql_isRetriedOnceWithTheError() {
        try (var engine = open("builtin:sample-shop")) {
            var r = (ChatResult.Answered) ask(engine, "What is the average order value?");
            var d = data(r).details();
            assertThat(d).containsEntry("attempts", "2");
            assertThat(d.get("attempt1")).contains("failed to run").contains("total_amount");
            assertThat(r.text()).isEqualTo("average_order_value: 271.52");
        }
    }

    @Test void sqlThatStaysBad_isShownWithItsError_afterOneRetry() throws Exception {
        String script = script("bad.yaml", "how many products are out of stock", "SELECT COUNT(*) FROM product_stock WHERE stock = 0");
        try (var engine = open(script)) {
            var r = ask(engine, "How many products are out of stock?");
            assertThat(r).isInstanceOf(ChatResult.Failed.class);
            var f = (ChatResult.Failed) r;
            assertThat(f.error().kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
            assertThat(f.error().message()).contains("no such table: product_stock");
            assertThat(data(r).details()).containsEntry("attempts", "2").containsKey("sql");
        }
    }

    @Test void aModelWrittenDelete_isRefused_andNeverRuns() throws Exception {
        String script = script("delete.yaml", "which orders were cancelled", "DELETE FROM orders WHERE status = 'cancelled'");
        try (var engine = open(script)) {
            var r = ask(engine, "Which orders were cancelled?");
            assertThat(r).isInstanceOf(ChatResult.Failed.class);
            var f = (ChatResult.Failed) r;
            assertThat(f.error().message()).contains("DELETE").contains("not executed");
            assertThat(data(r).decision()).isEqualTo("refused");
            assertThat(data(r).details()).containsEntry("executed", "false").containsEntry("attempts", "2");
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SampleDatabase.FILE));
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM orders WHERE status = 'cancelled'")) {
            assertThat(rs.getInt(1)).isEqualTo(10);
        }
    }

    @Test void withNoDatabase_dataQuestionsAreGeneral() {
        var config = CachetConfig.defaults().withDefaultProvider("simulator")
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0))
                .withRouting(RoutingSettings.DEFAULTS.withFallback(false, false))
                .withData(DataSettings.DEFAULTS.withUrl(DataSettings.NONE));
        try (var engine = Engine.open(new EngineOptions(dir, config, false, InstantSource.system()))) {
            var r = (ChatResult.Answered) ask(engine, "How many customers are there?");
            assertThat(r.trace().entry("route").orElseThrow().decision()).isEqualTo("general");
            assertThat(r.source()).isEqualTo(AnswerSource.MODEL);
            assertThat(engine.data().source().status()).isEqualTo("data.url is none");
            assertThat(Files.exists(dir.resolve(SampleDatabase.FILE))).isFalse();
        }
    }
}
