package dev.cachet.engine.cache;

import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored model answer.
 *
 * @param model   the model that produced it
 * @param usage   tokens of the original call (what a hit saves)
 * @param created when the model answered
 */
public record CachedAnswer(String text, ModelRef model, Usage usage, FinishReason finish, Instant created) {
    public CachedAnswer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finish, "finish");
        Objects.requireNonNull(created, "created");
    }
}
