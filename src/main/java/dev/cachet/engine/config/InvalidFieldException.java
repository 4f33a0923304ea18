package dev.cachet.engine.config;

/**
 * A value a settings record refuses, naming the field (relative to the record): the config file turns it
 * into {@code cachet.yaml:LINE:COLUMN: field simulator.errorRate: must be within 0..1, was 3.0}, pointing at
 * the value itself rather than at its section.
 */
public final class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidFieldException(String field, String problem) {
        this(null, field, problem);
    }

    /**
     * @param section where the record usually sits in cachet.yaml ("retrieval"), so that the message
     *                stands on its own where no file is involved (the Settings pane, a test)
     */
    public InvalidFieldException(String section, String field, String problem) {
        super((section == null ? "" : section + ".") + field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() { return field; }

    /** What is wrong, without the field name ("must be within 0..1, was 3.0"). */
    public String problem() { return problem; }
}
