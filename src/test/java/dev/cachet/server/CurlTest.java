package dev.cachet.server;

import dev.cachet.engine.metrics.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code curl} against the running endpoint, as the README tells people to try it. Skipped (saying why)
 * where curl is not installed, except when {@code CACHET_REQUIRE_CURL} is set, as {@code .ci/run} does.
 */
class CurlTest {

    @TempDir Path dir;
    private RunningEndpoint endpoint;

    record Run(int exit, String out) { }

    @BeforeAll static void curlPresent() {
        boolean present = run(List.of("curl", "--version"), Duration.ofSeconds(10)).exit() == 0;
        if (System.getenv("CACHET_REQUIRE_CURL") != null && !present) {
            throw new AssertionError("CACHET_REQUIRE_CURL is set but curl cannot be run: .ci/run should have installed it");
        }
        assumeTrue(present, "curl is not installed (apt-get install curl); .ci/run installs it and requires these tests");
    }

    @AfterEach void stop() { if (endpoint != null) endpoint.close(); }

    private static Run run(List<String> command, Duration limit) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, new String(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-2, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-3, "interrupted");
        }
    }

    private Run curl(String... args) {
        var cmd = new ArrayList<>(List.of("curl", "-sS", "-H", "Authorization: Bearer " + endpoint.token, "-H", "Content-Type: application/json"));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofSeconds(60));
    }

    private static final String ASK = "{\"model\":\"simulator/sim-small\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"What is a cache?\"}]";

    @Test void completion_andStream() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        Run plain = curl("-d", ASK + "}", endpoint.baseUrl() + "/chat/completions");
        assertThat(plain.exit()).isZero();
        assertThat(plain.out()).contains("\"object\":\"chat.completion\"", "[simulated answer]");
        Run stream = curl("-N", "-d", ASK + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}", endpoint.baseUrl() + "/chat/completions");
        assertThat(stream.exit()).isZero();
        assertThat(stream.out()).startsWith("data: {").contains("\"finish_reason\":\"stop\"", "\"usage\":{\"prompt_tokens\"").endsWith("data: [DONE]\n\n");
        Run models = curl(endpoint.baseUrl() + "/models");
        assertThat(models.out()).contains("\"id\":\"simulator/sim-small\"");
    }

    @Test void curlGivingUp_cancelsTheCall() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST.withLatency(Duration.ofSeconds(30), 0));
        Run r = curl("--max-time", "1", "-d", ASK + "}", endpoint.baseUrl() + "/chat/completions");
        assertThat(r.exit()).isEqualTo(28); // curl: operation timed out
        assertThat(endpoint.awaitRequest(x -> x.outcome() != null).outcome()).isEqualTo(Outcome.CANCELLED);
    }

    @Test void withoutToken_is401() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        Run r = run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", endpoint.baseUrl() + "/models"), Duration.ofSeconds(30));
        assertThat(r.out()).isEqualTo("401");
    }
}
