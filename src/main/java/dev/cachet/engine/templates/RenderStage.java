package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.pipeline.CacheDirectives;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.util.LinkedHashMap;

/**
 * Stage "render", first in the pipeline: a request that names a template becomes messages and
 * params here, before any cache, so the rendered text and the template's id@version are in every
 * cache key. The template's model applies when the request names none; the caller's params win over
 * the template's. Trace: id@version, variant and why, file, the rendered prompt, warnings.
 */
public final class RenderStage implements Stage {

    private final TemplateLibrary library;

    public RenderStage(TemplateLibrary library) { this.library = library; }

    @Override public String name() { return "render"; }

    @Override
    public StageResult process(RequestContext ctx) {
        ChatRequest request = ctx.request();
        TemplateInvocation invocation = request.invocation();
        if (invocation == null) return StageResult.proceed("skipped", "raw messages: no template");
        RenderedPrompt rendered;
        try {
            rendered = library.render(invocation, request.sessionId());
        } catch (TemplateException e) {
            return new StageResult.Fail(StageResult.Note.of("failed", e.getMessage()), e.error(), "");
        }
        String provider = request.provider();
        String model = request.model();
        String target = "as the request asks";
        if (provider == null && model == null && rendered.model() != null) {
            int slash = rendered.model().indexOf('/');
            provider = rendered.model().substring(0, slash);
            model = rendered.model().substring(slash + 1);
            target = rendered.model() + " (from the template)";
        }
        ctx.request(request.rendered(provider, model, rendered.messages(request.messages()),
                rendered.params().under(request.params()), rendered.ref()));
        String ref = rendered.template().id() + "@" + rendered.template().version();
        ctx.put(CacheDirectives.KEY, rendered.template().cache().directives("template " + ref));

        var details = new LinkedHashMap<String, String>();
        details.put("template", ref);
        details.put("variant", rendered.variant());
        details.put("variantReason", rendered.variantReason());
        details.put("file", rendered.source());
        details.put("model", target);
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
