package dev.cachet.engine.templates;

/**
 * A template's {@code retrieval:} block: the list variable that receives the chunks the retrieve stage
 * finds, and optionally the collection they come from (else the request's or its route's).
 *
 * @param variable   a declared list variable; each item is {@code {number, title, text, source, position}}
 * @param collection the collection a request rendered with this template answers from, or null
 */
public record TemplateRetrieval(String variable, String collection) {

    public static final TemplateRetrieval NONE = new TemplateRetrieval(null, null);

    public boolean declared() { return variable != null; }
}
