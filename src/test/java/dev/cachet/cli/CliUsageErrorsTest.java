package dev.cachet.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A value out of range is bad usage: one line naming the option and the range, exit 2, and nothing started. */
class CliUsageErrorsTest {

    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "chat hi --temperature 5          | --temperature must be within 0..2, was 5",
            "chat hi --temperature -1         | --temperature must be within 0..2, was -1",
            "chat hi --max-tokens 0           | --max-tokens must be at least 1, was 0",
            "chat hi --max-tokens -3          | --max-tokens must be at least 1, was -3",
            "inspect hi --temperature 2.5     | --temperature must be within 0..2, was 2.5",
            "replay --workload builtin:demo --sim-latency-ms -5 | --sim-latency-ms must be at least 0, was -5",
            "replay --workload builtin:demo --sim-tokens-per-second -1 | --sim-tokens-per-second must be at least 0, was -1",
            "replay --workload builtin:demo --concurrency 0 | --concurrency must be at least 1, was 0",
            "eval-cache --pairs x.jsonl --threshold 5 | --threshold must be within 0..1, was 5",
            "eval-cache --pairs x.jsonl --baseline -0.5 | --baseline must be within 0..1, was -0.5",
            "chat hi --temperature warm       | --temperature: 'warm' is not a number",
    })
    void outOfRange_isOneLineAndExitTwo(String command, String message) {
        var args = new java.util.ArrayList<String>(java.util.List.of("--data-dir", dir.resolve("data").toString()));
        args.addAll(java.util.List.of(command.strip().split("\\s+")));

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().getFirst()).startsWith("error: " + message).doesNotContain("Exception").contains("--help");
        assertThat(dir.resolve("data")).as("nothing was opened").doesNotExist();
    }
}
