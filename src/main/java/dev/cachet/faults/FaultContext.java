package dev.cachet.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a scenario runs with: a scratch folder of its own, the scale (the full sizes, or quick
 * ones for CI), a way to start a child JVM on the same class path, a way to run the CLI in-process,
 * and a progress line for stderr.
 */
public record FaultContext(Path scratch, boolean quick, ChildJvm jvm, Cli cli, Consumer<String> progress) {

    /** Runs {@code cachet ARGS} in this process; what it printed and how it exited. */
    @FunctionalInterface
    public interface Cli {
        CliRun run(List<String> args);
    }

    public record CliRun(int exitCode, String out, String err) { }

    /** A fresh folder under the scratch folder. */
    public Path dir(String name) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(scratch), name + "-");
    }

    public void say(String line) { progress.accept(line); }
}
