package dev.cachet.engine.catalogue;

import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCatalogueTest {

    private final ModelCatalogue models = ModelCatalogue.builtIn();

    @Test
    void defaults_areCurrentModels() {
        assertThat(models.defaultModel("anthropic")).hasValue("claude-haiku-4-5");
        assertThat(models.defaultModel("openai")).hasValue("gpt-4o-mini");
        assertThat(models.defaultModel("ollama")).hasValue("llama3.2");
        assertThat(models.spec("anthropic", "claude-haiku-4-5").retired()).isNull();
    }

    @Test
    void specificEntriesAndGeneralOnes_merge_fieldByField() {
        ModelSpec haiku = models.spec("anthropic", "claude-haiku-4-5-20251001");
        assertThat(haiku.maxOutputTokens()).isEqualTo(64_000);
        assertThat(haiku.defaultMaxTokens()).isEqualTo(8_192);
        assertThat(haiku.contextWindow()).isEqualTo(200_000);
        assertThat(haiku.maxTemperature()).isEqualTo(1.0);
        assertThat(haiku.temperatureOrTopP()).isTrue();
        assertThat(haiku.price()).isEqualTo(new ModelSpec.Price(1.0, 5.0));
    }

    @Test
    void openAiReasoningModels_takeMaxCompletionTokens_aFixedTemperature_andALongerFirstTokenAllowance() {
        for (String id : new String[] {"o3-mini", "o3-mini-2025-01-31", "o4-mini", "gpt-5", "gpt-5-mini-2025-08-07"}) {
            ModelSpec s = models.spec("openai", id);
            assertThat(s.tokensField()).as(id).isEqualTo("max_completion_tokens");
            assertThat(s.fixedTemperature()).as(id).isEqualTo(1.0);
            assertThat(s.firstTokenTimeout()).as(id).isEqualTo(Duration.ofMinutes(5));
        }
        ModelSpec mini = models.spec("openai", "gpt-4o-mini");
        assertThat(mini.tokensField()).isEqualTo("max_tokens");
        assertThat(mini.fixedTemperature()).isNull();
        assertThat(mini.maxTemperature()).isEqualTo(2.0);
    }

    @Test
    void ollamaThinkingModels_byTheirTags() {
        assertThat(models.spec("ollama", "qwen3:8b").thinking()).isEqualTo(ModelSpec.Thinking.ON);
        assertThat(models.spec("ollama", "deepseek-r1").thinking()).isEqualTo(ModelSpec.Thinking.ON);
        assertThat(models.spec("ollama", "gpt-oss:20b").thinking()).isEqualTo(ModelSpec.Thinking.ALWAYS);
        assertThat(models.spec("ollama", "qwen3-coder:30b").thinking()).as("not a thinking model").isNull();
        assertThat(models.spec("ollama", "llama3.2").thinking()).isNull();
    }

    @Test
    void notChatModels_areMarked() {
        for (String id : new String[] {"text-embedding-3-small", "tts-1-hd", "whisper-1", "dall-e-3", "gpt-image-1",
                "omni-moderation-latest", "gpt-4o-realtime-preview", "gpt-4o-mini-transcribe", "o3-pro", "babbage-002"}) {
            assertThat(models.spec("openai", id).isChatModel()).as(id).isFalse();
        }
        for (String id : new String[] {"gpt-4o-mini", "gpt-4o", "o3-mini", "gpt-5-mini", "gpt-4.1"}) {
            assertThat(models.spec("openai", id).isChatModel()).as(id).isTrue();
        }
        assertThat(models.spec("ollama", "nomic-embed-text").isChatModel()).isFalse();
    }

    @Test
    void retiredModels_sayWhenAndWhatInstead() {
        ModelSpec old = models.spec("anthropic", "claude-3-5-haiku-latest");
        assertThat(old.retired()).isEqualTo(LocalDate.of(2026, 2, 19));
        assertThat(old.retirement(LocalDate.of(2026, 11, 1))).isEqualTo("claude-3-5-haiku-latest was retired on 2026-02-19 (use claude-haiku-4-5)");
        assertThat(old.retirement(LocalDate.of(2026, 1, 1))).contains("retires on 2026-02-19");
    }

    @Test
    void fit_fixedTemperature_replacesTheAskedOne_andSaysSo() {
        var fitted = models.spec("openai", "o3-mini").fit(new ChatParams(0.2, 64, 0.9, null, null, null));
        assertThat(fitted.params().temperature()).isEqualTo(1.0);
        assertThat(fitted.params().topP()).isNull();
        assertThat(fitted.params().maxTokens()).isEqualTo(64);
        assertThat(fitted.notes().get("temperature")).contains("0.2").contains("fixed 1").contains("not sent");
        assertThat(fitted.notes()).containsKey("topP");
    }

    @Test
    void fit_refusesWhatTheApiWouldRefuse_beforeSending() {
        ModelSpec haiku = models.spec("anthropic", "claude-haiku-4-5");
        assertThatThrownBy(() -> haiku.fit(new ChatParams(1.5, null, null, null, null, null)))
                .hasMessageContaining("temperature 1.5 is above 1").hasMessageContaining("claude-haiku-4-5");
        assertThatThrownBy(() -> haiku.fit(new ChatParams(0.5, null, 0.9, null, null, null)))
                .hasMessageContaining("temperature or top_p, not both");
        assertThatThrownBy(() -> haiku.fit(new ChatParams(0.5, 100_000, null, null, null, null)))
                .hasMessageContaining("max tokens 100000 is above 64000");
        assertThat(haiku.fit(new ChatParams(0.5, null, null, null, null, null)).notes().get("maxTokens")).startsWith("8192");
    }

    @Test
    void userFile_winsFieldByField_andKeepsTheRest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ModelCatalogue.FILE), """
                defaults:
                  anthropic: {model: claude-sonnet-4-5}
                models:
                  - {kind: anthropic, match: "claude-haiku-4-5*", defaultMaxTokens: 2048}
                  - {kind: ollama, match: "my-reasoner*", thinking: default-off, firstTokenTimeout: 3m}
                """);
        ModelCatalogue mine = ModelCatalogue.load(dir);
        assertThat(mine.defaultModel("anthropic")).hasValue("claude-sonnet-4-5");
        assertThat(mine.defaultModel("openai")).hasValue("gpt-4o-mini");
        ModelSpec haiku = mine.spec("anthropic", "claude-haiku-4-5");
        assertThat(haiku.defaultMaxTokens()).isEqualTo(2048);
        assertThat(haiku.maxOutputTokens()).isEqualTo(64_000);
        assertThat(mine.spec("ollama", "my-reasoner:7b").thinking()).isEqualTo(ModelSpec.Thinking.OFF);
        assertThat(mine.spec("ollama", "my-reasoner:7b").firstTokenTimeout()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void badUserFile_namesFileLineColumnAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ModelCatalogue.FILE);
        Files.writeString(file, """
                models:
                  - kind: openai
                    match: "o9*"
                    firstTokenTimeout: soon
                """);
        assertThatThrownBy(() -> ModelCatalogue.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4:")
                .hasMessageContaining("firstTokenTimeout").hasMessageContaining("'soon' is not a duration");

        Files.writeString(file, "models:\n  - {kind: cohere, match: \"*\"}\n");
        assertThatThrownBy(() -> ModelCatalogue.load(dir)).hasMessageContaining(file + ": models[0]: kind 'cohere'");

        Files.writeString(file, "models:\n  - {kind: openai, match: \"*\", maxTokenz: 5}\n");
        assertThatThrownBy(() -> ModelCatalogue.load(dir)).hasMessageStartingWith(file + ":2:").hasMessageContaining("maxTokenz");
    }

    @Test
    void noUserFile_isTheBuiltInCatalogue(@TempDir Path dir) throws Exception {
        assertThat(ModelCatalogue.load(dir)).isSameAs(ModelCatalogue.builtIn());
    }
}
