package dev.cachet.engine.routing;

import dev.cachet.engine.pipeline.ContextKey;

/**
 * What routing decided for one request, for the stages after it: the retrieve stage reads
 * {@link #topK()} and {@link #skipRetrieval()}, the data stage the route.
 *
 * @param tier the tier in force (the route's target, else the complexity level's)
 */
public record RoutingPlan(RouteDecision decision, RouteDefinition route, Complexity complexity, Budget budget, String tier) {

    /** Set by the route stage. */
    public static final ContextKey<RouteDecision> DECISION = ContextKey.of("routing.decision", RouteDecision.class);
    /** Set by the route stage, for the stages that read the message again. */
    public static final ContextKey<RouteDefinition> ROUTE = ContextKey.of("routing.route", RouteDefinition.class);
    /** Set by the complexity stage. */
    public static final ContextKey<RoutingPlan> PLAN = ContextKey.of("routing.plan", RoutingPlan.class);

    public int topK() { return budget.topK(); }
    public boolean skipRetrieval() { return budget.skipRetrieval(); }
}
