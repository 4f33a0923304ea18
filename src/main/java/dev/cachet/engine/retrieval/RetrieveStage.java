package dev.cachet.engine.retrieval;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.config.RetrievalSettings;
import dev.cachet.engine.pipeline.ContextKey;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.pipeline.UserText;
import dev.cachet.engine.routing.RoutingPlan;
import dev.cachet.engine.templates.RenderedPrompt;
import dev.cachet.engine.templates.RetrievalSlot;
import dev.cachet.engine.templates.TemplateException;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.engine.trace.Citation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stage "retrieve" (after the semantic cache, before the model): when the request names a collection
 * (itself, through its template, or through its route), retrieves the best {@code top_k} chunks for its
 * question (and for the caller's extra queries and, if configured, the parts of a compound question, all
 * at once), numbers them as sources and records them as the answer's citations. A request rendered from
 * a template that takes chunks ({@code retrieval.variable}) renders it again with them; a plain request
 * gets them in a system message ({@link SourcesMessage}). {@code top_k} is the request's, else its
 * complexity level's, else {@code retrieval.topK}; a top_k of 0 — what the complexity stage sets for a
 * greeting or thanks — skips the stage.
 *
 * <p>Trace: decision hit (every query answered from the retrieval cache) | miss | skipped | failed
 * (no query answered: the model gets no sources, and says so); details list each branch and each source.
 */
public final class RetrieveStage implements Stage {

    private record Given(String collection, long version, List<Citation> citations) { }

    private static final ContextKey<Given> GIVEN = ContextKey.of("retrieve.given", Given.class);

    private final Retrieval retrieval;
    private final RetrievalSettings settings;
    private final TemplateLibrary templates;

    /** @param templates where a template that takes chunks is rendered again; null when there are none */
    RetrieveStage(Retrieval retrieval, RetrievalSettings settings, TemplateLibrary templates) {
        this.retrieval = retrieval;
        this.settings = settings;
        this.templates = templates;
    }

    @Override public String name() { return "retrieve"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        ChatRequest request = ctx.request();
        RetrievalSpec spec = request.retrieval();
        if (spec == null) return StageResult.proceed("skipped", "no collection for this request");
        String question = UserText.of(ctx);
        if (question.isBlank()) return StageResult.proceed("skipped", "no text to retrieve for");
        int topK = spec.topK() != null ? spec.topK() : settings.topK();
        if (topK == 0) {
            var plan = ctx.get(RoutingPlan.PLAN);
            return StageResult.proceed("skipped", plan.isPresent() && plan.get().skipRetrieval()
                    ? plan.get().complexity().level().key() + " (" + plan.get().complexity().reason() + "): no documents needed"
                    : "top_k 0: no chunks asked for");
        }
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
        var slot = ctx.get(RetrievalSlot.KEY);
        if (slot.isPresent() && templates != null) {
            // The template's own list variable, even when nothing was found: it says what to do then.
            try {
                RenderedPrompt filled = templates.withChunks(slot.get().first(), slot.get().given(), chunkVariables(citations));
                ctx.request(request.withMessages(filled.messages(slot.get().history())));
                details.put("template", filled.template().id() + "@" + filled.template().version() + " '" + slot.get().variable() + "'");
            } catch (TemplateException e) {
                return new StageResult.Fail(StageResult.Note.of("failed", e.getMessage(), details), e.error(), "");
            }
        } else if (!citations.isEmpty()) {
            ctx.request(request.withMessages(SourcesMessage.withSources(request.messages(), citations)));
        }
        if (!citations.isEmpty()) ctx.put(GIVEN, new Given(spec.collection(), spec.version(), citations));
        long failed = result.branches().size() - result.answered();
        String reason = String.format(Locale.ROOT, "%d source%s from %s for %d quer%s%s%s", citations.size(), citations.size() == 1 ? "" : "s",
                spec.collection(), queries.size(), queries.size() == 1 ? "y" : "ies",
                result.allFromCache() ? ", from the retrieval cache" : "",
                failed > 0 ? "; " + failed + " branch" + (failed == 1 ? "" : "es") + " failed or timed out, left out" : "");
        return new StageResult.Continue(StageResult.Note.of(result.allFromCache() ? "hit" : "miss", reason, details));
    }

    /** Each source as a template sees it: {@code {number, title, text, source, position}}, best first. */
    static List<Map<String, Object>> chunkVariables(List<Citation> citations) {
        var out = new ArrayList<Map<String, Object>>(citations.size());
        for (Citation c : citations) {
            var m = new LinkedHashMap<String, Object>();
            m.put("number", c.number());
            m.put("title", c.position().isEmpty() ? c.fileName() : c.fileName() + ", " + c.position());
            m.put("text", c.text().strip());
            m.put("source", c.source());
            m.put("position", c.position());
            out.add(m);
        }
        return out;
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
