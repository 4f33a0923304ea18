package dev.cachet.cli;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.retrieval.QueryResult;
import dev.cachet.engine.retrieval.RetrievedChunk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.io.PrintWriter;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cachet retrieve NAME "question" [--top-k K]}: the chunks a question finds, with scores and the cache decision. */
@Command(name = "retrieve", description = "Show the chunks of a collection nearest a question, with their scores and whether the retrieval cache answered.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "2:unknown collection, bad --top-k", "3:cannot start"})
final class RetrieveCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "the collection to search") String name;
    @Parameters(index = "1", paramLabel = "QUESTION", description = "the question, in quotes") String question;
    Integer topK;
    @Option(names = "--top-k", paramLabel = "K", description = "chunks to return, 1..100 (default: retrieval.topK, 4)")
    void topK(int k) { topK = (int) OptionRange.within(spec, "--top-k", k, 1, 100); }
    @Option(names = "--no-cache", description = "neither look up nor store in the retrieval cache") boolean noCache;

    private PrintWriter out() { return spec.commandLine().getOut(); }
    private PrintWriter err() { return spec.commandLine().getErr(); }

    @Override
    public Integer call() {
        try (var engine = EngineFactory.openForMaintenance(parent.dataDir)) {
            int k = topK == null ? engine.config().retrieval().topK() : topK; // the config's is checked when read
            QueryResult r = engine.retrieval().retrieve(name, question, k, noCache ? CacheMode.BYPASS : CacheMode.USE);
            int n = 1;
            for (RetrievedChunk c : r.chunks()) {
                out().printf(Locale.ROOT, "[%d] %.3f  %s  %s%n", n++, c.score(), c.chunk().source(), c.chunk().position());
                String text = c.chunk().text().strip().replaceAll("\\s+", " ");
                out().println("    " + (text.length() > 300 ? text.substring(0, 299) + "…" : text));
            }
            if (r.chunks().isEmpty()) out().println("no chunks: is the collection ingested? cachet collections ingest " + name);
            out().printf(Locale.ROOT, "cache %s · index %s · %.2f ms%n", switch (r.cache()) {
                case L1 -> "hit (memory)";
                case L2 -> "hit (database)";
                case MISS -> noCache ? "bypassed" : "miss (stored for next time)";
            }, r.indexKind(), r.took().toNanos() / 1e6);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err().println("error: " + e.getMessage());
            return 2;
        }
    }
}
