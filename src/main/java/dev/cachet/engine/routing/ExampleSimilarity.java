package dev.cachet.engine.routing;

import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.semantic.EmbeddingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The middle fallback: when the heuristic is unsure, compare the message with every route's example
 * utterances using the semantic layer's embedder (vectors are unit length, so cosine = dot product).
 * It decides only when one route's nearest example is clearly nearer than every other route's.
 * The routes' example vectors are computed once per route set, on first use.
 */
public final class ExampleSimilarity {

    /** The nearest route by example, and by how much. */
    public record Nearest(String route, double cosine, double margin, String example) { }

    private final Embedder embedder;
    private final java.util.concurrent.locks.ReentrantLock preparing = new java.util.concurrent.locks.ReentrantLock();
    private volatile Prepared prepared;

    private record Prepared(RouteSet routes, Map<String, List<float[]>> vectors, Map<String, List<String>> texts) { }

    public ExampleSimilarity(Embedder embedder) { this.embedder = embedder; }

    public String embedderId() { return embedder.modelId(); }

    /** The nearest route, or null when no route has examples. */
    public Nearest nearest(String text, RouteSet routes) throws EmbeddingException, InterruptedException {
        Prepared p = prepare(routes);
        if (p.vectors().isEmpty()) return null;
        float[] q = embedder.embed(text);
        String bestRoute = null;
        String bestExample = null;
        double best = -2;
        double second = -2;
        for (var e : p.vectors().entrySet()) {
            double routeBest = -2;
            String routeExample = null;
            List<float[]> vs = e.getValue();
            for (int i = 0; i < vs.size(); i++) {
                double c = dot(q, vs.get(i));
                if (c > routeBest) {
                    routeBest = c;
                    routeExample = p.texts().get(e.getKey()).get(i);
                }
            }
            if (routeBest > best) {
                second = best;
                best = routeBest;
                bestRoute = e.getKey();
                bestExample = routeExample;
            } else if (routeBest > second) {
                second = routeBest;
            }
        }
        return new Nearest(bestRoute, best, second < -1 ? best : best - second, bestExample);
    }

    static String describe(Nearest n) {
        return String.format(Locale.ROOT, "nearest example '%s' (cosine %.2f, %.2f ahead of the next route)", n.example(), n.cosine(), n.margin());
    }

    /** The routes' example vectors, computed once per route set: concurrent first callers wait for one computation. */
    private Prepared prepare(RouteSet routes) throws EmbeddingException, InterruptedException {
        Prepared p = prepared;
        if (p != null && p.routes() == routes) return p;
        preparing.lockInterruptibly();
        try {
            p = prepared;
            if (p != null && p.routes() == routes) return p;
            p = compute(routes);
            prepared = p;
            return p;
        } finally {
            preparing.unlock();
        }
    }

    private Prepared compute(RouteSet routes) throws EmbeddingException, InterruptedException {
        var vectors = new LinkedHashMap<String, List<float[]>>();
        var texts = new LinkedHashMap<String, List<String>>();
        for (RouteDefinition r : routes.routes()) {
            if (r.examples().isEmpty()) continue;
            vectors.put(r.name(), new ArrayList<>(embedder.embedAll(r.examples())));
            texts.put(r.name(), r.examples());
        }
        return new Prepared(routes, vectors, texts);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
