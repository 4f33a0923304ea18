package dev.cachet.engine.pipeline;

/**
 * What the person asked this turn, as typed: the last user message of a plain request, or for a
 * request rendered from a template the value of its input variable (see
 * {@code PromptTemplate.inputVariable()}) rather than the prompt the template wrapped around it. The
 * prefilter, the router, the complexity analyzer, the data route and retrieval read this.
 */
public final class UserText {

    /** Set by the render stage when a template's input variable holds the question. */
    public static final ContextKey<String> KEY = ContextKey.of("user.text", String.class);

    private UserText() { }

    public static String of(RequestContext ctx) {
        return ctx.get(KEY).orElseGet(() -> ctx.request().lastUserText());
    }
}
