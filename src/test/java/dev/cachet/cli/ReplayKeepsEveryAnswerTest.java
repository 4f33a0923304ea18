package dev.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 distinct prompts against a simulator that answers at once produce answers far faster than
 * SQLite stores them: every one must still be in the cache afterwards (the write-behind queue slows the
 * requests down instead of dropping its oldest writes), and the summary says none was given up.
 *
 * <p>The semantic layer is switched off in the data dir's cachet.yaml: this test is about the exact
 * cache's writes. With it on, each of the 100,000 prompts is also embedded (MiniLM, ~2 ms each on two
 * cores) and kept in the semantic store, which multiplies the run time and the heap the test JVM needs
 * (it ran out of its 2 GB) without saying anything more about write-behind. What a real replay with the
 * layer on costs is measured with the jar (README, "Replay memory").
 */
class ReplayKeepsEveryAnswerTest {

    private static final int PROMPTS = 100_000;

    @TempDir Path dir;

    @Test
    void aHundredThousandDistinctPrompts_allEndUpInTheCache() throws Exception {
        Path workload = dir.resolve("distinct.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(workload)) {
            for (int i = 0; i < PROMPTS; i++) w.write("{\"prompt\":\"Distinct question " + i + ": what is " + i + " times 7?\"}\n");
        }
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("cachet.yaml"), "semantic:\n  enabled: false\n");

        CliRun run = CliRun.of("--data-dir", data.toString(), "replay", "--workload", workload.toString(),
                "--sim-latency-ms", "0", "--sim-tokens-per-second", "0", "--concurrency", "64");

        long stored;
        try (var db = Database.open(data, InstantSource.system())) {
            stored = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM exact_cache")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
        assertThat(stored).as(run.err()).isEqualTo(PROMPTS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.lastOutLine());
        assertThat(summary.get("modelCalls").asLong()).isEqualTo(PROMPTS);
        assertThat(summary.get("errors").asLong()).isZero();
        assertThat(summary.get("cacheWritesDropped").asLong()).isZero();
    }
}
