package dev.cachet.engine.cache;

/** A set of cache entries to invalidate together: one model, one template, or everything. */
public sealed interface Namespace {

    record All() implements Namespace {
        @Override public String toString() { return "all"; }
    }

    /** @param providerModel {@code provider/model}, e.g. {@code simulator/sim-small} */
    record Model(String providerModel) implements Namespace {
        @Override public String toString() { return "model:" + providerModel; }
    }

    record Template(String id) implements Namespace {
        @Override public String toString() { return "template:" + id; }
    }

    /** Parses {@code all}, {@code model:PROVIDER/MODEL} or {@code template:ID}. */
    static Namespace parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("all")) return new All();
        if (s.startsWith("model:") && s.indexOf('/') > "model:".length() && !s.endsWith("/")) {
            return new Model(s.substring("model:".length()));
        }
        if (s.startsWith("template:") && s.length() > "template:".length()) return new Template(s.substring("template:".length()));
        throw new IllegalArgumentException("namespace '" + text + "' is not one of: all, model:PROVIDER/MODEL"
                + " (e.g. model:simulator/sim-small), template:ID");
    }
}
