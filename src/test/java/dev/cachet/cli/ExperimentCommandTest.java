package dev.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cachet experiment run | list | show | export | import-promptfoo}, run as the command line runs
 * them, on the shipped ticket-triage example and the simulator's built-in script: the known difference
 * (guided files tickets right more often) comes out as a significant verdict.
 */
class ExperimentCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static CliRun run;

    private static String data() { return dir.resolve("data").toString(); }

    @BeforeAll static void runTheShippedExample() {
        run = CliRun.of("--data-dir", data(), "experiment", "run", "prompts/experiments/ticket-triage.yaml");
    }

    @Test void run_printsProgressOnStderr_theTableOnStdout_andTheJsonSummaryLast() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("80 cells").contains("cache: bypass").contains("/ 80 cells");
        assertThat(run.out()).contains("terse").contains("guided").contains("verdict: guided passes more often");

        JsonNode summary = JSON.readTree(run.lastOutLine());
        assertThat(summary.get("variants")).hasSize(2);
        for (JsonNode v : summary.get("variants")) {
            for (String field : List.of("name", "cases", "passRate", "passRateLow", "passRateHigh", "latencyP50Ms", "costUsd")) {
                assertThat(v.has(field)).as(field).isTrue();
            }
            assertThat(v.get("cases").asInt()).isEqualTo(40);
            assertThat(v.get("passRateLow").asDouble()).isLessThanOrEqualTo(v.get("passRate").asDouble());
            assertThat(v.get("passRateHigh").asDouble()).isGreaterThanOrEqualTo(v.get("passRate").asDouble());
        }
        JsonNode passRate = null;
        for (JsonNode c : summary.get("comparisons")) {
            for (String field : List.of("a", "b", "metric", "test", "pValue", "significant")) assertThat(c.has(field)).as(field).isTrue();
            if (c.get("metric").asText().equals("passRate")) passRate = c;
        }
        assertThat(passRate).isNotNull();
        assertThat(passRate.get("test").asText()).isEqualTo("McNemar (exact)");
        assertThat(passRate.get("significant").asBoolean()).isTrue();
        assertThat(summary.get("unsupportedAssertions")).extracting(JsonNode::asText).containsExactly("javascript");
        assertThat(summary.get("verdict").asText()).startsWith("guided passes more often");
    }

    @Test void listAndShow_readTheStoredRun() throws Exception {
        long id = JSON.readTree(run.lastOutLine()).get("runId").asLong();
        CliRun list = CliRun.of("--data-dir", data(), "experiment", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern(id + "\\s+ticket-triage\\s+finished\\s+80/80");

        CliRun show = CliRun.of("--data-dir", data(), "experiment", "show", Long.toString(id));
        assertThat(show.exitCode()).isZero();
        assertThat(JSON.readTree(show.lastOutLine())).isEqualTo(JSON.readTree(run.lastOutLine()));
        assertThat(CliRun.of("--data-dir", data(), "experiment", "show", "999").exitCode()).isEqualTo(2);
    }

    @Test void export_writesCsvJsonAndASelfContainedHtmlReport() throws Exception {
        String id = JSON.readTree(run.lastOutLine()).get("runId").asText();
        Path html = dir.resolve("report.html");
        assertThat(CliRun.of("--data-dir", data(), "experiment", "export", id, "--format", "html", "-o", html.toString()).exitCode()).isZero();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("Pass rate per arm").contains("Latency per arm")
                .contains("guided passes more often").contains("javascript");
        // Opens anywhere: nothing loaded from elsewhere, no scripts.
        assertThat(page).doesNotContain("<script").doesNotContain("<link").doesNotContain(" src=").doesNotContain("href=");

        CliRun csv = CliRun.of("--data-dir", data(), "experiment", "export", id, "--format", "csv");
        var records = new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.out())).getRecords());
        assertThat(records).hasSize(80);
        assertThat(records).extracting(r -> r.get("variant")).containsOnly("terse", "guided");
        assertThat(records).allSatisfy(r -> assertThat(r.get("expected")).isIn("billing", "shipping", "account", "technical"));
        assertThat(records.getFirst().get("ticket")).isNotBlank();

        JsonNode full = JSON.readTree(CliRun.of("--data-dir", data(), "experiment", "export", id, "--format", "json").out());
        assertThat(full.get("results")).hasSize(80);
        assertThat(full.get("results").get(0).get("assertions")).hasSize(3);

        assertThat(CliRun.of("--data-dir", data(), "experiment", "export", id, "--format", "pdf").exitCode()).isEqualTo(2);
    }

    @Test void aFileWithAnUnknownField_isBadUsage_withFileLineColumn() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                id: bad
                prompts: ["Say {{ x }}"]
                concurency: 3
                dataset: [{x: 1}]
                """);
        CliRun r = CliRun.of("--data-dir", data(), "experiment", "run", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":3:1:").contains("concurrency");
        assertThat(r.out()).isEmpty();
    }

    @Test void aSuiteForAModelWithoutItsKey_stopsBeforeTheFirstCell_namingTheKey() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OPENAI_API_KEY") == null, "OPENAI_API_KEY is set here");
        CliRun r = CliRun.of("--data-dir", data(), "experiment", "run", "src/test/resources/promptfoo/getting-started/promptfooconfig.yaml",
                "--repeat", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: openai/gpt-4.1: OPENAI_API_KEY is not set").contains("--provider simulator");
        assertThat(r.out()).isEmpty();
        CliRun unknown = CliRun.of("--data-dir", data(), "experiment", "run", "prompts/experiments/ticket-triage.yaml", "--provider", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown provider 'nope'");
    }

    @Test void importPromptfoo_writesAnExperimentThatRuns() throws Exception {
        Path suite = Path.of("src/test/resources/promptfoo/getting-started/promptfooconfig.yaml");
        Path out = dir.resolve("getting-started.yaml");
        CliRun imp = CliRun.of("--data-dir", data(), "experiment", "import-promptfoo", suite.toString(), "-o", out.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(Files.readString(out)).contains("Bonjour le monde").contains("openai/gpt-4.1");

        CliRun r = CliRun.of("--data-dir", data(), "experiment", "run", out.toString(), "--provider", "simulator", "--model", "sim-small",
                "--repeat", "2", "--concurrency", "8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(r.lastOutLine());
        assertThat(summary.get("totalCells").asInt()).isEqualTo(2 * 2 * 2);
        assertThat(summary.get("unsupportedAssertions")).isEmpty();
    }
}
