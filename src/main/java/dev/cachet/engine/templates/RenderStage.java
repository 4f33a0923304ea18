package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.pipeline.CacheDirectives;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.pipeline.UserText;

import java.util.LinkedHashMap;

/**
 * Stage "render", first in the pipeline: a request that names a template becomes messages and
 * params here, before any cache, so the rendered text and the template's id@version are in every
 * cache key. The template's model applies when the request names none; the caller's params win over
 * the template's. A template that takes retrieved chunks renders with none here (what the keys hold,
 * with the collection's version) and again at the retrieve stage ({@link RetrievalSlot}); a template
 * that names a collection gives it to a request that names none. Trace: id@version, variant and why,
 * file, the rendered prompt, warnings.
 */
public final class RenderStage implements Stage {

    private final TemplateLibrary library;
    private final boolean builtInFallback;

    public RenderStage(TemplateLibrary library) { this(library, false); }

    /** @param builtInFallback render a template the folders lack from its built-in copy (Cachet's own model calls) */
    public RenderStage(TemplateLibrary library, boolean builtInFallback) {
        this.library = library;
        this.builtInFallback = builtInFallback;
    }

    @Override public String name() { return "render"; }

    public TemplateLibrary library() { return library; }

    @Override
    public StageResult process(RequestContext ctx) {
        TemplateInvocation invocation = ctx.request().invocation();
        if (invocation == null) return StageResult.proceed("skipped", "raw messages: no template");
        return apply(ctx, invocation);
    }

    /**
     * Renders {@code invocation} into the request in {@code ctx} (whose messages are the conversation's
     * earlier turns): the render stage for the request's own template, the route stage for a route's.
     */
    public StageResult apply(RequestContext ctx, TemplateInvocation invocation) {
        ChatRequest request = ctx.request();
        RenderedPrompt rendered;
        try {
            rendered = library.render(invocation, request.sessionId(), builtInFallback);
        } catch (TemplateException e) {
            return new StageResult.Fail(StageResult.Note.of("failed", e.getMessage()), e.error(), "");
        }
        PromptTemplate template = rendered.template();
        String provider = request.provider();
        String model = request.model();
        String target = "as the request asks";
        if (provider == null && model == null && rendered.model() != null) {
            int slash = rendered.model().indexOf('/');
            provider = rendered.model().substring(0, slash);
            model = rendered.model().substring(slash + 1);
            target = rendered.model() + " (from the template)";
        }
        ChatRequest next = request.rendered(provider, model, rendered.messages(request.messages()),
                rendered.params().under(request.params()), rendered.ref());
        String collection = template.retrieval().collection();
        if (collection != null && next.retrieval() == null) next = next.withRetrieval(RetrievalSpec.of(collection));
        ctx.request(next);
        String ref = template.id() + "@" + template.version();
        ctx.put(CacheDirectives.KEY, template.cache().directives("template " + ref));
        String input = template.inputVariable();
        if (input != null && invocation.variables().get(input) instanceof String typed) ctx.put(UserText.KEY, typed);
        if (template.retrieval().declared()) ctx.put(RetrievalSlot.KEY, new RetrievalSlot(rendered, invocation.variables(), request.messages()));

        var details = new LinkedHashMap<String, String>();
        details.put("template", ref);
        details.put("variant", rendered.variant());
        details.put("variantReason", rendered.variantReason());
        details.put("file", rendered.source());
        details.put("model", target);
        if (template.retrieval().declared()) {
            details.put("retrieval", "'" + template.retrieval().variable() + "' gets the retrieved chunks"
                    + (collection == null ? "" : " from " + collection));
        }
        if (!rendered.warnings().isEmpty()) details.put("warnings", String.join("; ", rendered.warnings()));
        details.put("prompt", rendered.text());
        if (!request.messages().isEmpty()) {
            details.put("history", request.messages().size() + " earlier messages, sent between the few-shot turns and the user message");
        }
        String reason = ref + " variant " + rendered.variant() + " (" + rendered.variantReason() + ")"
                + (rendered.warnings().isEmpty() ? "" : "; " + rendered.warnings().getFirst());
        return new StageResult.Continue(StageResult.Note.of("rendered", reason, details));
    }
}
