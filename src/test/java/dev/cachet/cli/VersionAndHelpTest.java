package dev.cachet.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** cachet --version and cachet help COMMAND, as a user types them. */
class VersionAndHelpTest {

    @Test
    void version_namesTheRuntimeItRunsOn_andJavaFX() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines().getFirst()).startsWith("cachet ");
        assertThat(r.out()).contains("runtime: Java " + Runtime.version())
                .contains("at " + System.getProperty("java.home"))
                .contains("JavaFX 26.");
    }

    @Test
    void helpCommand_printsTheCommandsOptions_includingTheInheritedQuiet() {
        CliRun r = CliRun.of("help", "replay");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: cachet replay").contains("--workload=FILE").contains("--concurrency").contains("--quiet");
    }
}
