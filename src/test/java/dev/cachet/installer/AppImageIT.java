package dev.cachet.installer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the Linux app image the way a release does ({@code installer/jpackage.sh app-image}: the
 * slimmed jar, the native libraries beside it, the jlinked runtime, the picocli completion; without
 * the AOT recording, to keep the suite short) and runs its launcher headless as a user would, with a
 * home and temp dir of its own so that anything a library extracts would show.
 */
class AppImageIT {

    private static final Path IMAGE = Path.of("target/installer/out/Cachet");
    private static final Path LAUNCHER = IMAGE.resolve("bin/Cachet");

    @TempDir Path home;

    private record Result(int exitCode, String out, String err) {
        String lastOutLine() { return out.lines().reduce((a, b) -> b).orElse(""); }
    }

    @BeforeAll
    static void buildAppImage() throws Exception {
        Path log = Files.createTempFile("jpackage", ".log");
        var build = new ProcessBuilder("installer/jpackage.sh", "app-image", "--no-aot")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = build.start();
        // A safety net for a hung build, not a speed check: a normal build takes well under a minute.
        boolean finished = p.waitFor(15, TimeUnit.MINUTES);
        if (!finished) p.destroyForcibly();
        assertThat(finished && p.exitValue() == 0).as("installer/jpackage.sh app-image:%n%s", Files.readString(log)).isTrue();
        assertThat(LAUNCHER).isExecutable();
    }

    private Result cachet(String... args) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(home.resolve("tmp"));
        var command = new ArrayList<String>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("DISPLAY");
        env.put("HOME", home.toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_DATA_HOME", home.resolve("share").toString());
        // The launcher takes no JDK_JAVA_OPTIONS; the JVM itself reads this one.
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home + " -Djava.io.tmpdir=" + tmp);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly().waitFor();
        assertThat(finished).as("cachet %s did not end", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void version_namesTheBuildAndTheBundledRuntime() throws Exception {
        Result r = cachet("--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("cachet 0.")
                .contains("package: 0.")
                .contains("runtime: Java 25")
                .contains("at " + IMAGE.resolve("lib/runtime").toAbsolutePath())
                .contains("JavaFX 26");
    }

    @Test
    void replayAndTheEmbeddingModel_runFromTheImage_withNativeLibrariesLoadedFromIt() throws Exception {
        Result replay = cachet("--quiet", "replay", "--workload", "builtin:demo");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.lastOutLine()).startsWith("{\"requests\":240,");

        // inspect embeds the text with MiniLM in-process (ONNX Runtime, the tokenizer and SQLite all load native
        // code) and finds the demo's "How can I reset my password?" that replay cached
        Result inspect = cachet("inspect", "How do I reset my password?", "--temperature", "0");
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("embedder        minilm-l6-v2").contains("How can I reset my password?").contains("decision: HIT");
        assertThat(inspect.err()).doesNotContain("failed");

        try (Stream<Path> files = Files.walk(home)) {
            List<String> extracted = files.map(f -> home.relativize(f).toString())
                    .filter(f -> f.matches("(?i).*(onnxruntime|\\.djl\\.ai|tokenizers|\\.openjfx|sqlite-|jna|\\.so$).*")).toList();
            assertThat(extracted).as("native libraries copied out of the image").isEmpty();
        }
        assertThat(home.resolve("share/cachet/cachet.db")).as("data in the user's data dir").exists();
        assertThat(IMAGE.resolve("lib/app/cachet.db")).doesNotExist();
    }

    @Test
    void completionScript_isGeneratedForEveryCommand() throws Exception {
        String script = Files.readString(IMAGE.resolve("lib/app/cachet-completion.bash"));
        assertThat(script).contains("complete -F _complete_cachet").contains("replay").contains("--workload").contains("--quiet");
    }
}
