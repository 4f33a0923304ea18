package dev.cachet.engine.routing;

/**
 * Where a route sends a request. Every field may be null (= leave the request as it is).
 *
 * @param tier       model tier ("small" or "large"), mapped to a provider/model in cachet.yaml
 *                   {@code routing.tiers}; the complexity level's tier applies when this is null
 * @param template   prompt template the route renders with (the data route: the SQL template)
 * @param collection retrieval collection the route reads from
 * @param dataSource database the route answers from ("default" = the connected one)
 */
public record RouteTarget(String tier, String template, String collection, String dataSource) {
    public static final RouteTarget NONE = new RouteTarget(null, null, null, null);
}
