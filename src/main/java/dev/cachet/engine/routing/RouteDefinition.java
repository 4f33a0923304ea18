package dev.cachet.engine.routing;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One route of the routes file.
 *
 * @param keywords     words or phrases that count as evidence when they occur on word boundaries
 * @param regexes      patterns searched in the message as typed (case-insensitive)
 * @param examples     example utterances: near-copies count as evidence, and with embeddings on,
 *                     semantic neighbours do too
 * @param weight       multiplies the route's evidence (1 = as is)
 * @param wholeMessage the evidence must explain the whole message (small talk), not one mention in it
 * @param schema       scored against the connected database's schema (the data route)
 * @param fallback     the route taken when no other route has the evidence (general); exactly one
 */
public record RouteDefinition(String name, String description, List<String> keywords, List<Pattern> regexes,
                              List<String> examples, RouteTarget target, double weight, boolean wholeMessage,
                              boolean schema, boolean fallback) {

    public RouteDefinition {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        keywords = List.copyOf(keywords);
        regexes = List.copyOf(regexes);
        examples = List.copyOf(examples);
        target = target == null ? RouteTarget.NONE : target;
    }
}
