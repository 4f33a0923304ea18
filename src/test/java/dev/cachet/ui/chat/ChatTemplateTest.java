package dev.cachet.ui.chat;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.TemplateSettings;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Chat turns rendered through a template: the typed text fills it, the conversation goes along, the split sticks. */
class ChatTemplateTest {

    @TempDir Path dir;
    Engine engine;

    @AfterEach void close() { if (engine != null) engine.close(); }

    @Test
    void aTurnWithATemplate_rendersIt_withTheConversationBetweenFewShotAndTheNewMessage() throws Exception {
        Path prompts = dir.resolve("prompts");
        Files.createDirectories(prompts);
        Files.writeString(prompts.resolve("polite.yaml"), """
                id: polite
                variables:
                  question: {type: string, required: true}
                params: {temperature: 0, max_tokens: 50}
                messages:
                  system: Be polite.
                  user: "Please answer: {{ question }}"
                variants:
                  A:
                  B: {messages: {user: "Kindly answer: {{ question }}"}}
                split: {A: 1, B: 1}
                """);
        Files.writeString(prompts.resolve("no-text.yaml"), "id: no-text\nvariables: {n: number}\nmessages: {user: \"{{ n }}\"}\n");
        var config = CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(TestEngines.FAST)
                .withTemplates(TemplateSettings.DEFAULTS.withFolders(List.of(prompts.toString())));
        engine = Engine.open(new EngineOptions(dir.resolve("data"), config, false, InstantSource.system()));
        engine.templates().current();
        var vm = new ChatViewModel(engine.pipeline(), engine.providers(), engine.config().prices(), null, UiThread.direct());
        vm.useTemplates(engine.templates());
        assertThat(vm.templates()).containsExactly("polite"); // a template with no text variable cannot take a chat message

        vm.templateProperty().set("polite");
        vm.inputProperty().set("what is a TTL?");
        ChatTurn first = vm.send().orElseThrow();
        var r1 = (ChatResult.Answered) first.done().get(25, TimeUnit.SECONDS);
        var render = r1.trace().entry("render").orElseThrow();
        String variant = render.details().get("variant");
        assertThat(render.details().get("variantReason")).contains("sticky for the session");
        assertThat(r1.usage().outputTokens()).isLessThanOrEqualTo(50);

        vm.inputProperty().set("and for semantic entries?");
        var r2 = (ChatResult.Answered) vm.send().orElseThrow().done().get(25, TimeUnit.SECONDS);
        assertThat(r2.trace().entry("render").orElseThrow().details()).containsEntry("variant", variant)
                .hasEntrySatisfying("prompt", p -> assertThat(p).endsWith("answer: and for semantic entries?"));
        assertThat(r2.trace().entry("render").orElseThrow().details().get("history")).startsWith("2 earlier messages");
        assertThat(r2.usage().inputTokens()).isGreaterThan(r1.usage().inputTokens() + first.answer().length() / 8);
    }
}
