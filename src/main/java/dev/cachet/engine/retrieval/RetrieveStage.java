package dev.cachet.engine.retrieval;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.config.RetrievalSettings;
import dev.cachet.engine.pipeline.ContextKey;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.trace.Citation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stage "retrieve" (after the semantic cache, before the model): when the request names a collection,
 * retrieves the best chunks for its question (and for the caller's extra queries and, if configured,
 * the parts of a compound question, all at once), numbers them as sources, hands them to the model and
 * records them as the answer's citations. Greetings and thanks skip it.
 *
 * <p>Trace: decision hit (every query answered from the retrieval cache) | miss | skipped | failed
 * (no query answered: the model gets no sources, and says so); details list each branch and each source.
 */
public final class RetrieveStage implements Stage {

    private record Given(String collection, long version, List<Citation> citations) { }

    private static final ContextKey<Given> GIVEN = ContextKey.of("retrieve.given", Given.class);

    private final Retrieval retrieval;
    private final RetrievalSettings settings;

    RetrieveStage(Retrieval retrieval, RetrievalSettings settings) {
        this.retrieval = retrieval;
        this.settings = settings;
    }

    @Override public String name() { return "retrieve"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        ChatRequest request = ctx.request();
        RetrievalSpec spec = request.retrieval();
        if (spec == null) return StageResult.proceed("skipped", "no collection for this request");
        String question = request.lastUserText();
        String trivial = TrivialTurn.reason(question);
        if (trivial != null) return StageResult.proceed("skipped", trivial);
        int topK = spec.topK() != null ? spec.topK() : settings.topK();
        List<String> queries = queries(question, spec);
        MultiQueryRetrieval.Result result;
        try {
            result = retrieval.retrieveAll(spec.collection(), queries, topK, request.cacheMode(), ctx.cancellation());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new StageResult.Continue(StageResult.Note.of("failed", e.getMessage() + "; answering without sources"));
        }
        var details = new LinkedHashMap<String, String>();
        details.put("collection", spec.collection() + " v" + spec.version());
        details.put("topK", Integer.toString(topK));
        for (int i = 0; i < result.branches().size(); i++) details.put("query" + (i + 1), result.branches().get(i).describe());
        if (result.answered() == 0) {
            return new StageResult.Continue(StageResult.Note.of("failed", "no query answered (" + result.branches().size()
                    + " tried); answering without sources", details));
        }
        List<Citation> citations = Retrieval.cite(spec.collection(), result.merged());
        for (Citation c : citations) {
            details.put("source" + c.number(), String.format(Locale.ROOT, "%.3f %s", c.score(), c.label().substring(c.label().indexOf(' ') + 1)));
        }
        ctx.trace().citations(citations);
        if (!citations.isEmpty()) {
            ctx.request(request.withMessages(SourcesMessage.withSources(request.messages(), citations)));
            ctx.put(GIVEN, new Given(spec.collection(), spec.version(), citations));
        }
        long failed = result.branches().size() - result.answered();
        String reason = String.format(Locale.ROOT, "%d source%s from %s for %d quer%s%s%s", citations.size(), citations.size() == 1 ? "" : "s",
                spec.collection(), queries.size(), queries.size() == 1 ? "y" : "ies",
                result.allFromCache() ? ", from the retrieval cache" : "",
                failed > 0 ? "; " + failed + " branch" + (failed == 1 ? "" : "es") + " failed or timed out, left out" : "");
        return new StageResult.Continue(StageResult.Note.of(result.allFromCache() ? "hit" : "miss", reason, details));
    }

    private List<String> queries(String question, RetrievalSpec spec) {
        var all = new LinkedHashSet<String>();
        if (settings.expandQueries()) all.addAll(QueryExpansion.expand(question, settings.maxQueries()));
        else all.add(question.strip());
        all.addAll(spec.queries());
        var list = new ArrayList<>(all);
        return List.copyOf(list.subList(0, Math.min(settings.maxQueries(), list.size())));
    }

    @Override
    public void onModelAnswer(RequestContext ctx, ChatResult.Answered answer) {
        ctx.get(GIVEN).ifPresent(g -> retrieval.rememberSources(answer.text(), g.collection(), g.version(), g.citations()));
    }

}
