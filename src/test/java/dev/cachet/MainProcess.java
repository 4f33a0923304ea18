package dev.cachet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link Main} in a separate JVM, as a user's {@code java -jar cachet.jar ...} would, with its home,
 * temp and cache dirs inside {@code sandbox} so that what it leaves behind can be inspected. No display.
 */
public final class MainProcess {

    /** What the child printed and how it ended; {@code hsErrFiles} are JVM crash reports it left. */
    public record Run(int exitCode, String out, String err, List<Path> hsErrFiles) {
        public String lastOutLine() {
            var lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        public String describe() {
            return "exit " + exitCode + ", crash reports " + hsErrFiles + "\n--- stdout\n" + tail(out) + "\n--- stderr\n" + tail(err);
        }

        private static String tail(String s) {
            return s.length() <= 3_000 ? s : "..." + s.substring(s.length() - 3_000);
        }
    }

    private final Path sandbox;

    public MainProcess(Path sandbox) {
        this.sandbox = sandbox;
    }

    public Path tmpDir() { return sandbox.resolve("tmp"); }
    public Path home() { return sandbox.resolve("home"); }
    public Path cacheHome() { return sandbox.resolve("cache"); }

    /** Runs {@code Main args} in {@code workDir} (where a crashing JVM writes hs_err_pid*.log). */
    public Run run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(Main.class, workDir, args);
    }

    /** Runs {@code main}'s main method with {@code args} in {@code workDir}. */
    public Run run(Class<?> main, Path workDir, String... args) throws IOException, InterruptedException {
        Files.createDirectories(tmpDir());
        Files.createDirectories(home());
        Files.createDirectories(workDir);
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmpDir(), "-Duser.home=" + home(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("XDG_CACHE_HOME", cacheHome().toString());
        pb.environment().put("XDG_DATA_HOME", home().resolve("data").toString());
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("cachet " + String.join(" ", args) + " did not exit within 3 minutes");
        }
        List<Path> crashes;
        try (Stream<Path> files = Files.list(workDir)) {
            crashes = files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList();
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err), crashes);
    }
}
