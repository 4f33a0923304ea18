package dev.cachet.engine.pipeline;

/** A typed slot in {@link RequestContext} for data one stage hands to another (or to itself, later). */
public record ContextKey<T>(String name, Class<T> type) {
    public static <T> ContextKey<T> of(String name, Class<T> type) { return new ContextKey<>(name, type); }
}
