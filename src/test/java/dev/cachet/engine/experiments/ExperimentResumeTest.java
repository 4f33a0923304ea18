package dev.cachet.engine.experiments;

import dev.cachet.Main;
import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.run.RunHandle;
import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed midway (its JVM destroyed, as by kill -9 or a power cut) resumes where it stopped: the
 * cells it had stored are kept as they were, and only the others run.
 */
class ExperimentResumeTest {

    /** Every answer takes 100 ms to start, so a run of 160 cells at concurrency 2 lasts about 8 s. */
    private static final String SCRIPT = """
            rules:
              - match: "ticket"
                answers:
                  - {text: "billing", weight: 0.7}
                  - {text: "shipping", weight: 0.3}
                latency: {distribution: fixed, value: 100ms}
            """;

    private static final String EXPERIMENT = """
            id: resumable
            prompts:
              - {id: A, text: "File this ticket: {{ n }}"}
              - {id: B, text: "Categorize this ticket: {{ n }}"}
            models: [simulator/sim-small]
            concurrency: 2
            defaults:
              assert:
                - {type: equals, value: billing}
            dataset:
            %s""";

    @TempDir Path dir;

    @Test void aRunKilledMidway_resumesWithoutRerunningFinishedCells() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("script.yaml"), SCRIPT);
        Files.writeString(data.resolve("cachet.yaml"), "simulator: {script: " + data.resolve("script.yaml") + "}\n");
        var rows = new StringBuilder();
        for (int i = 0; i < 80; i++) rows.append("  - {n: ").append(i).append("}\n");
        Path file = dir.resolve("resumable.yaml");
        Files.writeString(file, EXPERIMENT.formatted(rows));

        Process child = startChild(data, file);
        int storedAtKill;
        try {
            storedAtKill = awaitStoredCells(data.resolve(Database.FILE_NAME), 30, child);
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        List<CellRecord> before;
        // A minute later by the engine's clock: the killed owner stopped beating long ago.
        var later = Clock.offset(Clock.systemUTC(), RunRecord.STALE.plusSeconds(45));
        try (Engine engine = Engine.open(new EngineOptions(data, engineConfig(data), false, later))) {
            var store = engine.experiments().store();
            RunRecord killed = store.runs().getFirst();
            before = store.cells(killed.id());
            assertThat(before.size()).isGreaterThanOrEqualTo(storedAtKill).isLessThan(160);
            assertThat(killed.statusAt(later.instant())).isEqualTo(RunRecord.Status.INTERRUPTED);
            assertThat(killed.resumable(later.instant())).isTrue();

            RunHandle resumed = engine.experiments().runner().resume(killed.id());
            assertThat(resumed.progress().done()).isEqualTo(before.size());
            RunRecord done = resumed.done().get(2, TimeUnit.MINUTES);

            assertThat(done.status()).isEqualTo(RunRecord.Status.FINISHED);
            assertThat(resumed.progress().doneHere()).isEqualTo(160 - before.size());
            List<CellRecord> after = store.cells(killed.id());
            assertThat(after).hasSize(160);
            Map<CellRecord.CellKey, CellRecord> byKey = after.stream().collect(Collectors.toMap(CellRecord::key, Function.identity()));
            for (CellRecord c : before) {
                // not run again: the very row the killed JVM wrote, down to its finish time
                assertThat(byKey.get(c.key())).isEqualTo(c);
            }
            RunResults results = RunResults.load(store, killed.id());
            assertThat(results.analysis().arms()).allSatisfy(a -> assertThat(a.cells()).isEqualTo(80));
        }
    }

    private static CachetConfig engineConfig(Path data) {
        var sim = SimulatorSettings.DEFAULTS.withScript(data.resolve("script.yaml").toString());
        return CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(sim);
    }

    /** {@code cachet --data-dir DATA experiment run FILE} in its own JVM. */
    private Process startChild(Path data, Path file) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Duser.home=" + dir.resolve("home"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir", data.toString(), "experiment", "run", file.toString(), "--provider", "simulator", "--model", "sim-small"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    /** Waits until the child has stored at least {@code n} cells; their count then. */
    private int awaitStoredCells(Path db, int n, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) throw new AssertionError("the child exited early:\n" + Files.readString(dir.resolve("child.log")));
            if (Files.exists(db)) {
                try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
                    var rs = s.executeQuery("SELECT count(*) FROM experiment_cells");
                    int stored = rs.next() ? rs.getInt(1) : 0;
                    if (stored >= n) return stored;
                } catch (java.sql.SQLException notYet) {
                    // the schema is not there yet, or the writer holds the lock: look again
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child stored fewer than " + n + " cells in 2 minutes:\n" + Files.readString(dir.resolve("child.log")));
    }
}
