package dev.cachet.engine.routing;

import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.routing.RoutesReader.Located;
import dev.cachet.engine.routing.RoutesReader.RoutesDocument;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Joins the routes files that serve (in folder and path order) into the {@link RouteSet} in force. A
 * route name already taken by an earlier file is an error naming both places, and the earlier one is
 * used (as with template ids); the joined set must have exactly one fallback route and at most one
 * schema route, or it is not used at all — the routes that served before keep serving.
 */
final class RouteSets {

    /** The joined routes, or null when they cannot serve; and what is wrong either way. */
    record Assembled(RouteSet routes, List<Problem> problems) { }

    private RouteSets() { }

    static Assembled assemble(DefinitionSet<RoutesDocument> set) {
        var documents = new ArrayList<RoutesDocument>();
        for (DefinitionSet.FileReport f : set.files()) {
            if (f.id() == null || f.status() == DefinitionSet.Status.BROKEN || f.status() == DefinitionSet.Status.DUPLICATE) continue;
            set.get(f.id()).ifPresent(e -> documents.add(e.value()));
        }
        return assemble(documents, set.folders().isEmpty() ? "the routes files" : set.folders().getFirst().toString());
    }

    static Assembled assemble(List<RoutesDocument> documents, String where) {
        var problems = new ArrayList<Problem>();
        var routes = new ArrayList<RouteDefinition>();
        Map<String, Place> taken = new HashMap<>();
        Place fallback = null;
        Place schema = null;
        boolean usable = true;
        for (RoutesDocument d : documents) {
            for (Located l : d.routes()) {
                RouteDefinition r = l.route();
                var here = new Place(d.source(), l.at());
                Place first = taken.putIfAbsent(r.name(), here);
                if (first != null) {
                    problems.add(new Problem(d.source(), l.at(), Problem.Severity.ERROR, "route '" + r.name() + "' is also defined at "
                            + first + ", which is the one used; route names are unique across the routes files"));
                    continue;
                }
                if (r.fallback()) {
                    if (fallback != null) {
                        problems.add(new Problem(d.source(), l.at(), Problem.Severity.ERROR, "route '" + r.name()
                                + "' is a second fallback route (" + fallback + " is one too); exactly one route has fallback: true"));
                        usable = false;
                    }
                    fallback = here;
                }
                if (r.schema()) {
                    if (schema != null) {
                        problems.add(new Problem(d.source(), l.at(), Problem.Severity.ERROR, "route '" + r.name()
                                + "' is a second schema route (" + schema + " is one too); at most one route has schema: true"));
                        usable = false;
                    }
                    schema = here;
                }
                routes.add(r);
            }
        }
        if (fallback == null) {
            String file = documents.isEmpty() ? where : documents.getFirst().source();
            problems.add(new Problem(file, Location.START, Problem.Severity.ERROR,
                    "no route has fallback: true; exactly one route (such as 'general') must take what no other route matches"));
            usable = false;
        }
        if (!usable) return new Assembled(null, problems);
        return new Assembled(new RouteSet(routes, version(documents), source(documents, where)), problems);
    }

    private record Place(String source, Location at) {
        @Override public String toString() { return source + ":" + at.line() + ":" + at.column(); }
    }

    private static String version(List<RoutesDocument> documents) {
        if (documents.size() == 1) return documents.getFirst().version();
        try {
            var md = MessageDigest.getInstance("SHA-256");
            for (RoutesDocument d : documents) md.update((d.version() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String source(List<RoutesDocument> documents, String where) {
        if (documents.size() == 1) {
            String s = documents.getFirst().source();
            return s.startsWith("jar:") ? "built-in" : s;
        }
        return documents.size() + " files in " + where;
    }
}
