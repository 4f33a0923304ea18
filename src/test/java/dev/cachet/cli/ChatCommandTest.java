package dev.cachet.cli;

import dev.cachet.engine.provider.RecordedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cachet chat} against a local OpenAI-compatible server, as a person would run it: the issue's
 * reproduction ("The answer is " then the body ends; before the fix: finished: stop, exit 0, and the
 * same chat again an exact hit serving the cut answer) and a thinking model on Ollama.
 */
class ChatCommandTest {

    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private RecordedServer server;

    @BeforeEach void start() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        server = new RecordedServer();
    }

    @AfterEach void stop() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        server.close();
    }

    private int chat(String... args) {
        out.reset();
        err.reset();
        var all = new java.util.ArrayList<>(java.util.List.of("--data-dir", dir.toString(), "chat"));
        all.addAll(java.util.List.of(args));
        return CachetCommand.commandLine().execute(all.toArray(String[]::new));
    }

    private void providers(String yaml) throws IOException {
        Files.writeString(dir.resolve("cachet.yaml"), "providers:\n" + yaml.replace("URL", server.baseUrl()));
    }

    @Test
    void streamCutBeforeFinishReason_exitsOne_andTheSameChatAgainAsksTheModelAgain() throws IOException {
        providers("  - {id: local, kind: openai, baseUrl: URL/v1, defaultModel: local-model}\n");
        server.route("/v1/chat/completions", RecordedServer.Reply.of("openai/cut-mid-answer.http"));

        assertThat(chat("What is the answer?", "--provider", "local", "--temperature", "0")).isEqualTo(1);
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout).startsWith("The answer is ").contains("generate   failed").doesNotContain("finished: stop");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: ").contains("incomplete");

        assertThat(chat("What is the answer?", "--provider", "local", "--temperature", "0")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("exact      hit");
        assertThat(server.received()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void thinkingModel_thinksOnStderr_answersOnStdout_andTheTraceTimesBoth() throws IOException {
        providers("  - {id: ollama, kind: ollama, baseUrl: URL, defaultModel: qwen3:8b}\n");
        server.route("/api/chat", RecordedServer.Reply.of("ollama/thinking-stream.http"));

        assertThat(chat("Why cache LLM calls?", "--provider", "ollama", "--temperature", "0")).isZero();
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout).startsWith("Caching saves repeated calls.").doesNotContain("Okay, the user asks");
        assertThat(stdout).contains("ollama/qwen3:8b · thinking on").contains("finished: stop after thinking")
                .contains("thinking from").contains("ttft");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("thinking: Okay, the user asks why caching LLM calls helps.");
    }
}
