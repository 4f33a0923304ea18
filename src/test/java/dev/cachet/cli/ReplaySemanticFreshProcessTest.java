package dev.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.MainProcess;
import dev.cachet.engine.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay in a fresh process (as every {@code cachet replay} is) finds what an earlier process stored in the
 * semantic cache: its first requests wait for the embedding model instead of going to the model while it
 * loads. Each replay runs in its own JVM, so the model is never already loaded by another test.
 */
class ReplaySemanticFreshProcessTest {

    @TempDir Path dir;

    @Test
    void aParaphrase_inANewProcess_isASemanticHit_notAModelCall() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve(ConfigFile.NAME), "defaultProvider: simulator\nsimulator: {timeToFirstToken: 0ms, tokensPerSecond: 0}\n");
        Path first = Files.write(dir.resolve("first.jsonl"), List.of("{\"prompt\":\"How can I learn Java quickly?\"}"));
        Path second = Files.write(dir.resolve("second.jsonl"), List.of("{\"prompt\":\"How do I learn Java quickly?\"}"));
        var jvm = new MainProcess(dir.resolve("sandbox"));

        MainProcess.Run stored = jvm.run(dir.resolve("run1"), "--data-dir", data.toString(), "replay", "--workload", first.toString());
        MainProcess.Run paraphrase = jvm.run(dir.resolve("run2"), "--data-dir", data.toString(), "replay", "--workload", second.toString());

        assertThat(stored.exitCode()).as(stored.describe()).isZero();
        assertThat(paraphrase.exitCode()).as(paraphrase.describe()).isZero();
        JsonNode summary = new ObjectMapper().readTree(paraphrase.lastOutLine());
        assertThat(summary.get("semanticHits").asLong()).as(paraphrase.describe()).isEqualTo(1);
        assertThat(summary.get("modelCalls").asLong()).isZero();
    }
}
