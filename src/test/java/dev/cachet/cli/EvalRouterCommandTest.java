package dev.cachet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EvalRouterCommandTest {

    @TempDir Path dir;

    private static final String SCHEMA = "{\"customers\": [\"customer_id\", \"name\", \"city\"], \"orders\": [\"order_id\", \"customer_id\", \"order_date\", \"total\"]}";

    private Path data() throws Exception {
        Path file = dir.resolve("routes.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"question\": \"how many orders did each customer place?\", \"type\": \"answerable\", \"tables\": " + SCHEMA + "}",
                "{\"question\": \"hello, how are you?\", \"type\": \"chit chat\", \"tables\": " + SCHEMA + "}",
                "{\"question\": \"which city has the most customers?\", \"type\": \"answerable\", \"tables\": " + SCHEMA + "}",
                "{\"question\": \"why is the sky blue\", \"type\": \"open\", \"tables\": " + SCHEMA + "}",
                "{\"question\": \"what is the total of order 7?\", \"type\": \"skip me\", \"tables\": " + SCHEMA + "}",
                ""));
        return file;
    }

    @Test void lastLineIsJson_withTheScores_andDecisionsAreWritten() throws Exception {
        Path labels = dir.resolve("labels.yaml");
        Files.writeString(labels, "answerable: data\n\"chit chat\": greeting\nopen: general\n");
        Path decisions = dir.resolve("decisions.jsonl");
        var run = CliRun.of("--data-dir", dir.resolve("d").toString(), "eval-router", "--data", data().toString(), "--label-field", "type",
                "--labels", labels.toString(), "--embeddings", "off", "--decisions", decisions.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = new ObjectMapper().readTree(run.lastOutLine());
        assertThat(json.get("lines").asInt()).isEqualTo(4);
        assertThat(json.get("unmapped").asInt()).isEqualTo(1);
        assertThat(json.get("accuracy").asDouble()).isEqualTo(1.0);
        for (String key : new String[] {"perRoute", "confusion", "confidentShare", "confidentAccuracy", "llmFallbackRate",
                "decisionP50Us", "decisionP99Us"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.at("/perRoute/data/precision").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/perRoute/data/recall").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/confusion/data/data").asInt()).isEqualTo(2);
        assertThat(json.get("llmFallbackRate").asDouble()).isZero();
        var lines = Files.readAllLines(decisions);
        assertThat(lines).hasSize(4);
        var first = new ObjectMapper().readTree(lines.getFirst());
        for (String key : new String[] {"route", "confidence", "reason", "complexity", "tier", "topK", "maxTokens"}) {
            assertThat(first.has(key)).as(key).isTrue();
        }
        assertThat(first.get("route").asText()).isEqualTo("data");
    }

    @Test void splitEvenAndOdd_partitionTheLines() throws Exception {
        Path labels = dir.resolve("labels.yaml");
        Files.writeString(labels, "\"*\": general\nanswerable: data\n");
        var even = CliRun.of("--data-dir", dir.resolve("d").toString(), "eval-router", "--data", data().toString(), "--label-field", "type",
                "--labels", labels.toString(), "--embeddings", "off", "--split", "even");
        var odd = CliRun.of("--data-dir", dir.resolve("d").toString(), "eval-router", "--data", data().toString(), "--label-field", "type",
                "--labels", labels.toString(), "--embeddings", "off", "--split", "odd");
        var m = new ObjectMapper();
        assertThat(m.readTree(even.lastOutLine()).get("lines").asInt() + m.readTree(odd.lastOutLine()).get("lines").asInt()).isEqualTo(5);
    }

    @Test void badInput_isOneLineNamingTheProblem_exit2() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"question\": \"hi\", \"type\": \"x\"}\nnot json\n");
        var run = CliRun.of("--data-dir", dir.resolve("d").toString(), "eval-router", "--data", file.toString(), "--label-field", "type");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.jsonl:2:").contains("not JSON");
        var noField = CliRun.of("--data-dir", dir.resolve("d").toString(), "eval-router", "--data", file.toString(), "--label-field", "label");
        assertThat(noField.exitCode()).isEqualTo(2);
        assertThat(noField.err()).contains("bad.jsonl:1: no label field 'label'");
        var badFlag = CliRun.of("--data-dir", dir.resolve("d").toString(), "eval-router", "--data", file.toString(), "--llm-fallback", "maybe");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--llm-fallback must be off or on, was 'maybe'");
    }
}
