package dev.cachet.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of this jar (or test class path) in a separate JVM, as the kill and two-writer scenarios need. */
public final class ChildJvm {

    private final String javaCommand;
    private final String classPath;

    public ChildJvm(String javaCommand, String classPath) {
        this.javaCommand = javaCommand;
        this.classPath = classPath;
    }

    /** The JVM and class path this process runs on. */
    public static ChildJvm current() {
        // Absolute: the child runs in another working directory.
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java").toString(), classPath);
    }

    /** Starts {@code main} with {@code args}; stderr goes to {@code errFile}, stdout is read by the caller. */
    public Process start(Class<?> main, Path workDir, Path errFile, String... args) throws IOException {
        var command = new ArrayList<>(List.of(javaCommand, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-Djava.io.tmpdir=" + workDir, "-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(errFile.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().put("XDG_CACHE_HOME", workDir.resolve("cache").toString());
        return pb.start();
    }
}
