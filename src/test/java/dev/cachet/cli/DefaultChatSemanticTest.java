package dev.cachet.cli;

import dev.cachet.engine.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain {@code chat}, with no --temperature, goes through the semantic layer: every provider's default
 * temperature (simulator 0.7, Ollama 0.8, OpenAI and Anthropic 1.0) is within the layer's default limit.
 */
class DefaultChatSemanticTest {

    @TempDir Path dir;

    private CliRun chat(String text, String... extra) {
        var args = new java.util.ArrayList<>(java.util.List.of("--data-dir", dir.toString(), "chat", text));
        args.addAll(java.util.List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String semanticLine(CliRun run) {
        return run.outLines().stream().filter(l -> l.startsWith("semantic ")).findFirst().orElseThrow(() -> new AssertionError(run.out() + run.err()));
    }

    @Test
    void aParaphrase_inADefaultChat_isServedBySemanticLayer_butExplicitlyHotSamplingSkipsIt() throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "defaultProvider: simulator\nsimulator: {timeToFirstToken: 0ms, tokensPerSecond: 0}\n");

        CliRun first = chat("How can I learn Java quickly?");
        CliRun paraphrase = chat("How do I learn Java quickly?");
        CliRun hot = chat("How do I learn Java fast?", "--temperature", "1.5");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(semanticLine(first)).contains("miss");
        assertThat(semanticLine(paraphrase)).containsPattern("^semantic\\s+hit");
        assertThat(semanticLine(hot)).contains("skipped").contains("temperature 1.50 above the semantic limit 1.00");
    }
}
