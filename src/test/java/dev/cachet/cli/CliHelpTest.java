package dev.cachet.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help and -h, and every option says what it does: read from picocli's model, so it cannot go stale. */
class CliHelpTest {

    /** "chat", "cache clear", ... for every command below the root (the root itself as the empty list). */
    private static List<List<String>> commandPaths() {
        var out = new ArrayList<List<String>>();
        collect(CachetCommand.commandLine().getCommandSpec(), List.of(), out);
        return out;
    }

    /** The spec of the command at {@code path} ("cache", "clear"), the root for an empty path. */
    private static CommandSpec specAt(List<String> path) {
        CommandSpec spec = CachetCommand.commandLine().getCommandSpec();
        for (String name : path) spec = spec.subcommands().get(name).getCommandSpec();
        return spec;
    }

    private static void collect(CommandSpec spec, List<String> path, List<List<String>> out) {
        out.add(path);
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) return; // an alias, already listed under its name
            var p = new ArrayList<>(path);
            p.add(name);
            collect(sub.getCommandSpec(), p, out);
        });
    }

    @Test
    void everyCommand_answersHelpAndH_withExitZero() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).extracting(p -> String.join(" ", p))
                .contains("chat", "stats", "cache", "cache clear", "replay", "bench", "eval-cache", "inspect", "help", "serve",
                        "collections", "collections add", "collections ingest", "collections list", "collections remove", "retrieve",
                        "templates", "templates list", "templates check", "templates render", "eval-router", "faults", "warm");
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                var args = new ArrayList<>(path);
                args.add(flag);
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertThat(run.exitCode()).as("cachet %s: %s", args, run.err()).isZero();
                assertThat(run.out()).as("cachet %s", args).contains("Usage: cachet" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
                assertThat(run.err()).as("cachet %s", args).isEmpty();
            }
        }
    }

    /**
     * Whatever command is added later is walked too: a stray option is one line, exit 2, pointing at that command's
     * help (a command with a required option names that first).
     */
    @Test
    void everyCommand_refusesAnUnknownOption_inOneLine_withExitTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        for (List<String> path : commandPaths()) {
            if (path.equals(List.of("help"))) continue; // 'help' takes a command name, not options
            var args = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
            args.addAll(path);
            args.add("--no-such-option");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String name = String.join(" ", path);
            assertThat(run.exitCode()).as("cachet %s --no-such-option: %s", name, run.err()).isEqualTo(2);
            assertThat(run.errLines()).as("cachet %s", name).hasSize(1);
            assertThat(run.errLines().getFirst()).as("cachet %s", name)
                    .startsWith("error: ").containsAnyOf("--no-such-option", "Missing required").contains("cachet" + (path.isEmpty() ? "" : " " + name) + " --help");
            assertThat(dir.resolve("data")).as("cachet %s opened nothing", name).doesNotExist();
        }
    }

    /**
     * picocli prints each element of a description array on a line of its own and wraps it to the terminal: an
     * element that stops mid-sentence leaves a ragged half line in the help ("...the id of an experiment in" then
     * "the templates folders'..."). A paragraph is one element; each element but the last ends a sentence.
     */
    @Test
    void everyCommandDescription_breaksLinesOnlyBetweenSentences() {
        var ragged = new ArrayList<String>();
        for (List<String> path : commandPaths()) {
            CommandSpec spec = specAt(path);
            String[] lines = spec.usageMessage().description();
            for (int i = 0; i < lines.length - 1; i++) {
                if (!lines[i].strip().matches("(?s).*[.:!?)]$")) ragged.add(spec.qualifiedName() + ": " + lines[i]);
            }
        }
        assertThat(ragged).isEmpty();
    }

    @Test
    void everyOptionAndParameter_hasADescription() {
        var undescribed = new ArrayList<String>();
        for (List<String> path : commandPaths()) {
            CommandSpec spec = specAt(path);
            var args = new ArrayList<ArgSpec>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                boolean described = a.description().length > 0 && !String.join("", a.description()).isBlank();
                if (!described) undescribed.add(spec.qualifiedName() + " " + a.paramLabel() + " " + (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName() : ""));
            }
            assertThat(spec.usageMessage().description()).as("%s has a description", spec.qualifiedName()).isNotEmpty();
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void helpCommand_printsTheRootUsage_orOneCommands() {
        CliRun root = CliRun.of("help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).contains("Usage: cachet").contains("chat").contains("replay").contains("Exit codes:");

        CliRun chat = CliRun.of("help", "chat");
        assertThat(chat.exitCode()).isZero();
        assertThat(chat.out()).contains("Usage: cachet chat").contains("--temperature");
    }

    @Test
    void replayHelp_namesEveryKindOfWorkloadLine() {
        CliRun replay = CliRun.of("help", "replay");
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).contains("{\"prompt\":").contains("{\"messages\":").contains("{\"template\":");
    }
}
