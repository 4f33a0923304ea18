package dev.cachet.cli;

import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.ui.shell.EngineStart;
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

        EngineStart start = EngineFactory.forWindow(dir);

        assertThat(start.options().config()).isEqualTo(CachetConfig.defaults());
        assertThat(start.problems()).hasSize(2);
        assertThat(start.problems().get(0).detail()).isEqualTo(dir.resolve(ConfigFile.NAME)
                + ":1:18: field defaultProvider: unknown provider 'nosuch' (known: auto, simulator, ollama, openai, anthropic, local)");
        assertThat(start.problems().get(1).detail()).contains(":3:5: field providers[0].baseUrl: needed");
        assertThat(start.problems()).allSatisfy(p -> {
            assertThat(p.title()).isEqualTo("Settings file not used");
            assertThat(p.action()).contains("built-in defaults").contains(dir.resolve(ConfigFile.NAME).toString());
        });
    }

    @Test
    void aGoodConfig_hasNoProblems() throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "defaultProvider: simulator\n");

        EngineStart start = EngineFactory.forWindow(dir);

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
