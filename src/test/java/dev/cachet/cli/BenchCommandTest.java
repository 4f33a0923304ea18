package dev.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @Test
    void noSuite_runsTheCoreSuite_endingWithOneJsonObject_inAScratchFolderInsideDataDir_removedAfterwards(@TempDir Path dataDir) throws Exception {
        CliRun run = CliRun.of("--data-dir", dataDir.toString(), "bench", "--quick");

        assertThat(run.exitCode()).as(run.err()).isZero();
        var suites = new java.util.ArrayList<String>();
        new ObjectMapper().readTree(run.lastOutLine()).fieldNames().forEachRemaining(suites::add);
        assertThat(suites).containsExactly("core");
        JsonNode core = new ObjectMapper().readTree(run.lastOutLine()).get("core");
        assertThat(core.get("missOverhead").get("pipeline").get("samples").asLong()).isEqualTo(3_000);
        assertThat(core.get("missOverhead").has("overheadP50Us")).isTrue();
        assertThat(core.get("concurrent").get("modelCalls").asLong()).isEqualTo(1_000);
        assertThat(core.has("exactHit")).isTrue();
        assertThat(run.out()).contains("core: concurrent:");
        assertThat(run.err()).contains("bench: scratch data in " + dataDir.resolve("cachet-bench-"));
        try (var left = Files.list(dataDir)) {
            assertThat(left).as("the scratch folder is removed").isEmpty();
        }
    }

    @Test
    void quickEndpointSuite_measuresOverLoopbackHttp() throws Exception {
        CliRun run = CliRun.of("bench", "--suite", "endpoint", "--quick");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode endpoint = new ObjectMapper().readTree(run.lastOutLine()).get("endpoint");
        assertThat(endpoint.get("exactHit").get("samples").asLong()).isEqualTo(2_000);
        assertThat(endpoint.get("concurrent64").get("requests").asLong()).isEqualTo(64 * 100);
        assertThat(endpoint.get("missOverhead").has("overSimulatorP99Us")).isTrue();
    }

    @Test
    void unknownSuite_exitsTwoNamingTheKnownOnes() {
        CliRun run = CliRun.of("bench", "--suite", "nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown suite 'nope' (available: core, semantic, redis, retrieval, templates, endpoint, all)");
    }
}
