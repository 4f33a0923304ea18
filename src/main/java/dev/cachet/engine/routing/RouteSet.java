package dev.cachet.engine.routing;

import java.util.List;
import java.util.Optional;

/**
 * The routes in force: validated, with exactly one fallback route and at most one schema route.
 *
 * @param version a hash of the routes' content: part of every routing-decision cache key, so editing
 *                the routes never serves a decision made under the old ones
 * @param source  where they came from (a file path, or "built-in")
 */
public record RouteSet(List<RouteDefinition> routes, String version, String source) {

    public RouteSet {
        routes = List.copyOf(routes);
        if (routes.stream().filter(RouteDefinition::fallback).count() != 1) {
            throw new IllegalArgumentException("routes need exactly one fallback route (fallback: true), e.g. 'general'");
        }
        if (routes.stream().filter(RouteDefinition::schema).count() > 1) {
            throw new IllegalArgumentException("at most one route may be scored against the schema (schema: true)");
        }
    }

    public RouteDefinition fallback() {
        return routes.stream().filter(RouteDefinition::fallback).findFirst().orElseThrow();
    }

    public Optional<RouteDefinition> schemaRoute() {
        return routes.stream().filter(RouteDefinition::schema).findFirst();
    }

    public Optional<RouteDefinition> route(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<String> names() { return routes.stream().map(RouteDefinition::name).toList(); }
}
