package dev.cachet.cli;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.chat.TemplateRef;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** The options that describe one request ({@code chat}, {@code inspect}): text, target, system prompt, params. */
final class RequestOptions {

    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "the user message (not with --template)") String text;
    @Option(names = "--provider", paramLabel = "ID", description = "provider id (simulator, ollama, openai, anthropic, or one from cachet.yaml); default: the configured default provider")
    String provider;
    @Option(names = "--model", paramLabel = "M", description = "model name or alias; default: the provider's default model") String model;
    @Option(names = "--system", paramLabel = "S", description = "system prompt") String system;
    Double temperature;
    Integer maxTokens;
    Integer topK;
    @Option(names = "--think", negatable = true, description = "thinking models (qwen3, deepseek-r1 on Ollama): think first, "
            + "or not; default: the model's catalogue default") Boolean think;
    @Option(names = "--collection", paramLabel = "NAME", description = "answer from this document collection, citing its chunks") String collection;
    @Option(names = "--query", paramLabel = "Q", description = "a further query to retrieve with (repeatable; run in parallel)") List<String> queries;

    @Option(names = "--temperature", paramLabel = "T",
            description = "sampling temperature, 0..2; default: the provider's own (simulator 0.7, Ollama 0.8, OpenAI and Anthropic 1.0)")
    void temperature(double t) { temperature = OptionRange.within(spec, "--temperature", t, 0, 2); }

    @Option(names = "--max-tokens", paramLabel = "N", description = "the answer's limit, at least 1; without it the model's catalogue "
            + "default applies (shown in the trace), and an answer cut there is not cached")
    void maxTokens(int n) { maxTokens = (int) OptionRange.atLeast(spec, "--max-tokens", n, 1); }

    @Option(names = "--top-k", paramLabel = "K", description = "with --collection: chunks to pass to the model, 1..100 (default: retrieval.topK)")
    void topK(int k) { topK = (int) OptionRange.within(spec, "--top-k", k, 1, 100); }

    /** A request of TEXT (and the system prompt), as typed. */
    ChatRequest request() { return request((TemplateRef) null); }

    /** As {@link #request()}, tagged with a template id and version (the key inspector's --template). */
    ChatRequest request(TemplateRef template) {
        if (text == null) throw new TemplateOptions.UsageError("missing the message TEXT");
        var messages = new ArrayList<ChatMessage>();
        if (system != null) messages.add(ChatMessage.system(system));
        messages.add(ChatMessage.user(text));
        return new ChatRequest(provider, model, messages, params(), template, null, null, retrieval());
    }

    /** A request rendered from a template: the template makes the messages, these options target and tune it. */
    ChatRequest request(TemplateInvocation invocation) {
        if (text != null) throw new TemplateOptions.UsageError("give the message TEXT or --template, not both (pass text as --var NAME=TEXT)");
        if (system != null) throw new TemplateOptions.UsageError("--system does not go with --template: the template has its own system message");
        return new ChatRequest(provider, model, List.of(), params(), null, null, CacheMode.USE, retrieval(), invocation);
    }

    private RetrievalSpec retrieval() {
        if (collection == null && (topK != null || queries != null)) throw new TemplateOptions.UsageError("--query and --top-k go with --collection");
        return collection == null ? null : new RetrievalSpec(collection, queries, topK, -1);
    }

    private ChatParams params() {
        try {
            return new ChatParams(temperature, maxTokens, null, null, null, null, think);
        } catch (IllegalArgumentException e) {
            throw new TemplateOptions.UsageError(e.getMessage());
        }
    }
}
