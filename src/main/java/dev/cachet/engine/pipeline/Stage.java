package dev.cachet.engine.pipeline;

import dev.cachet.engine.chat.ChatResult;

/**
 * One step of the pipeline with one job. Adding a stage is a local change: write the class and
 * put it in the list the composition root hands to {@link Pipeline}.
 */
public interface Stage {

    /** Short name shown in traces and charts ("exact", "semantic", "generate"). */
    String name();

    StageResult process(RequestContext ctx) throws InterruptedException;

    /**
     * Called, in reverse stage order, when a later stage produced a complete, cacheable model
     * answer: the place for caches to store it. Never called for errors, refusals or cut-off streams.
     */
    default void onModelAnswer(RequestContext ctx, ChatResult.Answered answer) { }

    /**
     * Called, in reverse order, on every stage whose {@link #process} ran, whatever the request came
     * to (answered, failed, cancelled): the place to release what process() took.
     */
    default void onFinished(RequestContext ctx, ChatResult result) { }
}
