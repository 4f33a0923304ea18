package dev.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {

    @TempDir Path dir;

    private CliRun replay(String workload, String... extra) {
        var args = new java.util.ArrayList<>(java.util.List.of("--data-dir", dir.resolve("data").toString(), "replay",
                "--workload", workload, "--sim-latency-ms", "0", "--sim-tokens-per-second", "0"));
        args.addAll(java.util.List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("w.jsonl"), java.util.List.of(lines));
    }

    private static JsonNode json(String line) throws IOException { return new ObjectMapper().readTree(line); }

    @Test
    void allGood_exitsZeroWithSummaryAsLastStdoutLine() throws IOException {
        Path w = file("{\"prompt\":\"one\"}", "", "{\"messages\":[{\"role\":\"user\",\"content\":\"two\"}]}", "{\"prompt\":\"three\"}");

        CliRun run = replay(w.toString(), "--concurrency", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = json(run.lastOutLine());
        assertThat(s.get("requests").asLong()).isEqualTo(3);
        assertThat(s.get("modelCalls").asLong() + s.get("exactHits").asLong() + s.get("semanticHits").asLong()).isEqualTo(3);
        assertThat(s.get("errors").asLong()).isZero();
        for (String field : new String[] {"hitRate", "p50Ms", "p95Ms", "tokensSaved", "costSaved"}) assertThat(s.has(field)).isTrue();
        assertThat(s.get("cacheWritesDropped").asLong()).isZero();
        assertThat(run.err()).contains("replay: done in");
    }

    @Test
    void malformedLines_areReportedAndTheRestRuns_exitTwo() throws IOException {
        Path w = file("{\"prompt\":\"ok\"}", "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", "{\"model\":\"sim-small\"}");

        CliRun run = replay(w.toString());

        assertThat(run.exitCode()).as("bad input, as README says").isEqualTo(2);
        assertThat(run.err()).contains(w + ":2:22: unknown role 'wizard'").contains(w + ":3:1: needs \"prompt\", \"messages\" or \"template\"");
        assertThat(json(run.lastOutLine()).get("requests").asLong()).isEqualTo(1);
        assertThat(json(run.lastOutLine()).get("malformedLines").asLong()).isEqualTo(2);
    }

    @Test
    void aLineThatIsNotUtf8_isReportedWithItsPlace_andTheRestRuns() throws IOException {
        byte[] good = "{\"prompt\":\"one\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'};
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a byte-order mark first, as Windows editors write
        bytes.write(good);
        bytes.write(bad);
        bytes.write("{\"prompt\":\"three\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path w = Files.write(dir.resolve("mixed.jsonl"), bytes.toByteArray());

        CliRun run = replay(w.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(w + ":2:12: not valid UTF-8 (byte 0xC3)");
        assertThat(json(run.lastOutLine()).get("requests").asLong()).isEqualTo(2);
        assertThat(json(run.lastOutLine()).get("malformedLines").asLong()).isEqualTo(1);
    }

    @Test
    void failedRequests_exitOneAndNameTheLine() throws IOException {
        Path w = file("{\"prompt\":\"a\"}", "{\"prompt\":\"b\",\"model\":\"no-such-model\"}");

        CliRun run = replay(w.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(w + ":2: request failed: unknown model 'no-such-model'");
        assertThat(json(run.lastOutLine()).get("errors").asLong()).isEqualTo(1);
    }

    @Test
    void unreadableOrUnusableWorkload_exitsTwo() throws IOException {
        assertThat(replay(dir.resolve("missing.jsonl").toString()).err()).contains("missing.jsonl: no such file");
        assertThat(replay(dir.resolve("missing.jsonl").toString()).exitCode()).isEqualTo(2);

        CliRun allBad = replay(file("{oops", "[]").toString());
        assertThat(allBad.exitCode()).isEqualTo(2);
        assertThat(allBad.err()).contains("no usable request (2 malformed lines)");
        assertThat(allBad.out()).isEmpty();
    }

    @Test
    void builtinDemo_runs() throws IOException {
        CliRun run = replay("builtin:demo", "--concurrency", "64");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(json(run.lastOutLine()).get("requests").asLong()).isEqualTo(240);
    }
}
