package dev.cachet.cli;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TemplateRef;
import dev.cachet.engine.provider.ProviderException;
import dev.cachet.engine.semantic.EmbeddingException;
import dev.cachet.engine.semantic.SemanticCacheStage;
import dev.cachet.engine.semantic.SemanticLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code cachet inspect "text"}: the semantic key of a request, its nearest cached neighbours, and why it would hit or miss. */
@Command(name = "inspect", description = "Show a request's semantic cache key, nearest cached neighbours with scores, and the deciding threshold or guard.")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Mixin RequestOptions options;
    @Option(names = "--template", paramLabel = "ID@VERSION",
            description = "the template the request was rendered from: its id and version are part of the semantic namespace") String template;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        TemplateRef ref = null;
        if (template != null) {
            int at = template.indexOf('@');
            if (at <= 0) {
                System.err.println("error: --template must be id@version, was " + template);
                return 2;
            }
            ref = new TemplateRef(template.substring(0, at), template.substring(at + 1));
        }
        ChatRequest request;
        try {
            request = options.request(ref); // bad usage is reported before anything is opened
        } catch (TemplateOptions.UsageError e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try (var engine = EngineFactory.open(parent.dataDir)) {
            engine.semantic().awaitRebuilt(java.time.Duration.ofMinutes(2));
            var resolved = engine.providers().resolve(options.provider, options.model);
            var inspection = engine.semantic().stage().inspect(request, resolved);
            switch (inspection) {
                case SemanticCacheStage.Inspection.Skipped s -> out.println("semantic: skipped — " + s.reason());
                case SemanticCacheStage.Inspection.Looked l -> {
                    out.println("key fields");
                    l.key().fields().forEach((k, v) -> out.printf("  %-15s %s%n", k, v.isEmpty() ? "(none)" : v));
                    out.printf("  %-15s %s (index: %s)%n", "namespace", l.key().shortNamespace(), l.indexKind() == null ? "empty" : l.indexKind());
                    out.println("nearest cached queries");
                    if (l.lookup().candidates().isEmpty()) out.println("  (none)");
                    for (var c : l.lookup().candidates()) {
                        out.printf("  %.3f  need %.3f  %-15s %s%n      %s%n", c.score(), c.threshold(), c.decision(),
                                c.entry().query(), c.detail());
                    }
                    String decision = switch (l.lookup()) {
                        case SemanticLookup.Hit h -> "HIT";
                        case SemanticLookup.Miss m -> "MISS";
                        case SemanticLookup.Vetoed v -> "VETOED (" + v.veto().guard() + ")";
                    };
                    out.println("decision: " + decision + " — " + l.lookup().reason());
                }
            }
            return 0;
        } catch (ProviderException e) {
            System.err.println("error: " + e.error().oneLine());
            return 2;
        } catch (EmbeddingException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
