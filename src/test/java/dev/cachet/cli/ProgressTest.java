package dev.cachet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress on a terminal, in a log, and with --quiet; and what replay prints in each case. */
class ProgressTest {

    @TempDir Path dir;

    private static String printed(boolean terminal, boolean quiet) {
        var text = new StringWriter();
        var p = new Progress(new PrintWriter(text), terminal, quiet);
        p.info("start");
        p.update("1/2 done");
        p.update("2/2 done");
        p.info("finished");
        return text.toString();
    }

    @Test
    void terminal_redrawsOneLineInPlace_andClearsItBeforeTheNextLine() {
        assertThat(printed(true, false)).isEqualTo("start\n\r1/2 done\033[K\r2/2 done\033[K\r\033[Kfinished\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void notATerminal_keepsTheLogLines_withoutTicks() {
        assertThat(printed(false, false)).isEqualTo("start\nfinished\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void quiet_printsNothingEvenOnATerminal() {
        assertThat(printed(true, true)).isEmpty();
        assertThat(printed(false, true)).isEmpty();
    }

    @Test
    void replay_quiet_keepsStdoutSummary_andStderrHasNoInformation() {
        String data = dir.resolve("data").toString();
        CliRun normal = CliRun.of("--data-dir", data, "replay", "--workload", "builtin:demo");
        assertThat(normal.exitCode()).as(normal.err()).isZero();
        assertThat(normal.err()).contains("replay: done in").doesNotContain(" done, ");

        for (String[] args : new String[][] {
                {"--data-dir", data, "--quiet", "replay", "--workload", "builtin:demo"},
                {"--data-dir", data, "replay", "--workload", "builtin:demo", "--quiet"}}) {
            CliRun quiet = CliRun.of(args);
            assertThat(quiet.exitCode()).as(quiet.err()).isZero();
            assertThat(quiet.err()).isEmpty();
            assertThat(quiet.lastOutLine()).startsWith("{\"requests\":");
        }
    }
}
