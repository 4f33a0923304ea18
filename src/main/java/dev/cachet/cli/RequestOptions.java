package dev.cachet.cli;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TemplateRef;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;

/** The options that describe one request ({@code chat}, {@code inspect}): text, target, system prompt, params. */
final class RequestOptions {

    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEXT", description = "the user message") String text;
    @Option(names = "--provider", paramLabel = "ID", description = "provider id (simulator, ollama, openai, anthropic, or one from cachet.yaml); default: the configured default provider")
    String provider;
    @Option(names = "--model", paramLabel = "M", description = "model name or alias; default: the provider's default model") String model;
    @Option(names = "--system", paramLabel = "S", description = "system prompt") String system;
    Double temperature;
    Integer maxTokens;
    @Option(names = "--think", negatable = true, description = "thinking models (qwen3, deepseek-r1 on Ollama): think first, "
            + "or not; default: the model's catalogue default") Boolean think;

    @Option(names = "--temperature", paramLabel = "T",
            description = "sampling temperature, 0..2; default: the provider's own (simulator 0.7, Ollama 0.8, OpenAI and Anthropic 1.0)")
    void temperature(double t) { temperature = OptionRange.within(spec, "--temperature", t, 0, 2); }

    @Option(names = "--max-tokens", paramLabel = "N", description = "the answer's limit, at least 1; without it the model's catalogue "
            + "default applies (shown in the trace), and an answer cut there is not cached")
    void maxTokens(int n) { maxTokens = (int) OptionRange.atLeast(spec, "--max-tokens", n, 1); }

    ChatRequest request(TemplateRef template) {
        var messages = new ArrayList<ChatMessage>();
        if (system != null) messages.add(ChatMessage.system(system));
        messages.add(ChatMessage.user(text));
        return new ChatRequest(provider, model, messages, new ChatParams(temperature, maxTokens, null, null, null, null, think),
                template, null, null);
    }
}
