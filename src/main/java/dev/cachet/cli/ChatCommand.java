package dev.cachet.cli;

import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code cachet chat "text"}: streams one answer through the pipeline, then prints its trace. */
@Command(name = "chat", description = "Send one message through the pipeline; stream the answer, then print the trace.")
final class ChatCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Parameters(index = "0", paramLabel = "TEXT", description = "the message") String text;
    @Option(names = "--provider", description = "provider id (simulator, ollama, openai, anthropic, ...)") String provider;
    @Option(names = "--model", description = "model name or alias") String model;
    @Option(names = "--temperature") Double temperature;
    @Option(names = "--max-tokens") Integer maxTokens;
    @Option(names = "--system", description = "system prompt") String system;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (var engine = EngineFactory.open(parent.dataDir)) {
            // Start-up notices are about the default provider; with --provider they are noise.
            if (provider == null) engine.notices().forEach(n -> System.err.println("note: " + n));
            var request = ChatRequest.ofPrompt(text).withTarget(provider, model)
                    .withParams(new ChatParams(temperature, maxTokens, null, null, null, null));
            if (system != null) {
                request = new ChatRequest(provider, model, java.util.List.of(
                        dev.cachet.engine.chat.ChatMessage.system(system), dev.cachet.engine.chat.ChatMessage.user(text)),
                        request.params(), null, null, null);
            }
            ChatResult result = engine.pipeline().execute(request, token -> { out.print(token); out.flush(); }, new Cancellation());
            out.println();
            out.println();
            out.println(result.trace().format());
            return switch (result) {
                case ChatResult.Answered a -> 0;
                case ChatResult.Failed f -> {
                    System.err.println("error: " + f.error().oneLine());
                    yield 1;
                }
                case ChatResult.Cancelled c -> 1;
            };
        }
    }
}
