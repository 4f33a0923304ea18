package dev.cachet.cli;

import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.ui.shell.WindowStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The window opens on a config it cannot use: on the defaults, with each problem and what to do. The CLI refuses. */
class EngineFactoryTest {

    @TempDir Path dir;

    @Test
    void aBrokenConfig_opensTheWindowOnDefaults_withEveryProblemListed() throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), """
                defaultProvider: nosuch
                providers:
                  - {id: local, kind: openai, defaultModel: qwen}
                """);

        WindowStart start = EngineFactory.forWindow(dir);

        assertThat(start.options().config()).isEqualTo(CachetConfig.defaults());
        assertThat(start.problems()).hasSize(1);
        var problem = start.problems().getFirst();
        assertThat(problem.title()).isEqualTo("Settings file not used: cachet.yaml");
        assertThat(problem.problem().lines().toList()).hasSize(2);
        assertThat(problem.problem().lines().toList().get(0)).isEqualTo(dir.resolve(ConfigFile.NAME)
                + ":1:18: field defaultProvider: unknown provider 'nosuch' (known: auto, simulator, ollama, openai, anthropic, local)");
        assertThat(problem.problem().lines().toList().get(1)).contains(":3:5: field providers[0].baseUrl: needed");
        assertThat(problem.whatToDo()).contains("built-in defaults").contains(dir.resolve(ConfigFile.NAME).toString());
    }

    @Test
    void aGoodConfig_hasNoProblems() throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "defaultProvider: simulator\n");

        WindowStart start = EngineFactory.forWindow(dir);

        assertThat(start.problems()).isEmpty();
        assertThat(start.options().config().defaultProvider()).isEqualTo("simulator");
    }

    @Test
    void theCli_refusesABrokenConfig_withExitThree_andOneLinePerProblem() throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "defaultProvider: nosuch\nsimulator: {errorRate: 3}\n");

        CliRun run = CliRun.of("--data-dir", dir.toString(), "stats");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).containsExactly(
                "error: " + dir.resolve(ConfigFile.NAME) + ":2:24: field simulator.errorRate: must be within 0..1, was 3.0");
    }
}
