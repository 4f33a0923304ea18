package dev.cachet.engine.chat;

/** Which pipeline level produced an answer. */
public enum AnswerSource {
    EXACT_CACHE("exact hit"), SEMANTIC_CACHE("semantic hit"), MODEL("model call"),
    /** The prefilter: the same message again in one session, answered with the answer it already got. */
    REPEAT("repeat in session"),
    /** The data route: rows from the connected database (never stored by the response caches: rows change). */
    DATA("data query");

    private final String label;
    AnswerSource(String label) { this.label = label; }
    public String label() { return label; }
    /** Reused an earlier answer instead of producing one. */
    public boolean fromCache() { return this == EXACT_CACHE || this == SEMANTIC_CACHE || this == REPEAT; }

    /** Whether the response caches keep this answer: only model answers (data answers age with their rows). */
    public boolean storable() { return this == MODEL; }
}
