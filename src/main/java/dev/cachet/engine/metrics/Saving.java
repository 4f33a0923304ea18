package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.ModelRef;

import java.time.Duration;

/**
 * What one cache-answered request saved.
 *
 * @param stage        the stage that answered ("exact", "semantic")
 * @param tokens       the cached answer's original usage (input + output)
 * @param latencySaved the model's recent median model-call latency minus this request's latency (never negative;
 *                     zero while no model call for that model has been seen)
 */
public record Saving(String stage, ModelRef model, long tokens, double costUsd, Duration latencySaved) { }
