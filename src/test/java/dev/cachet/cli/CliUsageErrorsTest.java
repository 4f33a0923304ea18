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
            "chat hi --top-k 0 --collection docs | --top-k must be within 1..100, was 0",
            "serve --port 70000               | --port must be within 0..65535, was 70000",
            "serve --port -1                  | --port must be within 0..65535, was -1",
            "retrieve docs what --top-k 0     | --top-k must be within 1..100, was 0",
            "retrieve docs what --top-k 101   | --top-k must be within 1..100, was 101",
            "eval-router --data x.jsonl --threshold 2 | --threshold must be within 0..1, was 2",
            "eval-router --data x.jsonl --split half | --split must be all, even or odd, was 'half'",
            "eval-router --data x.jsonl --llm-fallback maybe | --llm-fallback must be off or on, was 'maybe'",
            "eval-router --data x.jsonl --embeddings yes | --embeddings must be off or on, was 'yes'",
            "collections                      | name a subcommand: add, ingest, list, remove",
            "templates                        | name a subcommand: list, check, render",
            "cache                            | name a subcommand: clear",
            "collections add docs             | Missing required parameter: 'PATH'",
            "templates render                 | Missing required parameter: 'ID'",
            "retrieve docs                    | Missing required parameter: 'QUESTION'",
            "eval-router                      | Missing required option: '--data=FILE.jsonl'",
            "warm w.jsonl --concurrency 0     | --concurrency must be at least 1, was 0",
            "serve --prot 1                   | Unknown options: '--prot', '1'",
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
