package dev.cachet.engine.experiments.live;

/**
 * One chat answer of a template with a split, as the live A/B counts it.
 *
 * @param answered   false when the call failed (no latency or cost to compare)
 * @param cacheHit   answered from a response cache
 * @param regenerate the person asked again on purpose (Regenerate): a negative signal for the variant
 * @param feedback   true 👍, false 👎, null none given
 */
public record LiveAnswer(String requestId, String templateId, String variant, String sessionId, long atMs, boolean answered,
                         double latencyMs, Double ttftMs, double costUsd, boolean cacheHit, boolean regenerate, Boolean feedback) { }
