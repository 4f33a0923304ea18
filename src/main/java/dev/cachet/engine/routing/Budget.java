package dev.cachet.engine.routing;

import dev.cachet.engine.config.InvalidFieldException;

/**
 * What a complexity level buys a request.
 *
 * @param topK          chunks the retrieve stage fetches
 * @param maxTokens     answer budget, applied when the request sets none
 * @param tier          model tier ("small" or "large"), applied when the request names no model
 * @param skipRetrieval no retrieval at all (greetings and the like)
 */
public record Budget(int topK, int maxTokens, String tier, boolean skipRetrieval) {
    public Budget {
        if (topK < 0) throw new InvalidFieldException("topK", "must not be negative, was " + topK);
        if (maxTokens < 1) throw new InvalidFieldException("maxTokens", "must be positive, was " + maxTokens);
        if (tier != null && !tier.equals("small") && !tier.equals("large")) {
            throw new InvalidFieldException("tier", "must be small or large, was '" + tier + "'");
        }
    }
}
