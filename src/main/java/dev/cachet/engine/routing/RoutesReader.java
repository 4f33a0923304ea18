package dev.cachet.engine.routing;

import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.SourceText;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one routes file (a {@code routes:} list; schema in README › Routing) for the definitions
 * machinery, so routes load, hot-reload and keep their last good version like prompt templates. Every
 * problem is reported at its line and column — an unknown field with the closest known one, a wrong
 * type, a regex that does not compile, a route named twice — and the whole file is checked at once.
 * The file is the unit: its id is its name, and {@link RouteSets} joins the files of a folder.
 */
public final class RoutesReader implements DefinitionKind<RoutesReader.RoutesDocument> {

    /** One route as read, with where its entry starts. */
    public record Located(RouteDefinition route, Location at) { }

    /**
     * The routes of one file.
     *
     * @param source  the file as errors name it
     * @param version hash of the file's normalized content
     */
    public record RoutesDocument(String source, String version, List<Located> routes) {
        public RoutesDocument { routes = List.copyOf(routes); }
    }

    /** The fields a route may have, in the order the docs list them. */
    static final List<String> FIELDS = List.of("name", "description", "keywords", "regexes", "examples", "target", "weight",
            "match", "schema", "fallback");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int VERSION_CHARS = 12;

    @Override public String noun() { return "routes file"; }

    @Override public String id(RoutesDocument d) { return d.source(); }

    @Override public String describe(RoutesDocument d) { return d.routes().size() + " routes @" + d.version(); }

    @Override
    public Parsed<RoutesDocument> read(SourceText source) {
        var problems = new ProblemList(source.name());
        YamlNode root = YamlText.parse(source.text(), problems);
        if (root instanceof YamlNode.Scalar s && s.value() == null) {
            problems.error(Location.START, "the file is empty: expected 'routes:' with a list of routes");
            return new Parsed.Invalid<>(problems.list());
        }
        FieldReader f = root == null ? null : FieldReader.root(root, problems, "a routes file");
        if (f == null) return new Parsed.Invalid<>(problems.list());
        f.only("routes");
        YamlNode list = f.node("routes");
        var routes = new ArrayList<Located>();
        if (list == null) {
            problems.error(f.at(), "missing required field 'routes' (a list of routes, each with at least a name)");
        } else if (!(list instanceof YamlNode.Sequence seq)) {
            problems.error(list.at(), "field 'routes': expected a list of routes, found " + list.kind());
        } else {
            Map<String, Location> names = new HashMap<>();
            Location fallbackAt = null;
            for (int i = 0; i < seq.items().size(); i++) {
                YamlNode item = seq.items().get(i);
                if (!(item instanceof YamlNode.Mapping m)) {
                    problems.error(item.at(), "routes[" + i + "]: expected a route (a mapping with name, keywords, ...), found " + item.kind());
                    continue;
                }
                RouteDefinition route = route(new FieldReader(m, "routes[" + i + "]", problems), problems);
                if (route == null) continue;
                Location earlier = names.putIfAbsent(route.name(), m.at());
                if (earlier != null) {
                    problems.error(m.at(), "route '" + route.name() + "' is defined twice (first at line " + earlier.line() + ")");
                    continue;
                }
                if (route.fallback()) {
                    if (fallbackAt != null) {
                        problems.error(m.at(), "route '" + route.name() + "': a second fallback route (the first is at line "
                                + fallbackAt.line() + "); exactly one route has fallback: true");
                        continue;
                    }
                    fallbackAt = m.at();
                }
                routes.add(new Located(route, m.at()));
            }
            if (seq.items().isEmpty()) problems.error(seq.at(), "field 'routes' is empty: list at least one route");
        }
        if (problems.hasErrors()) return new Parsed.Invalid<>(problems.list());
        var document = new RoutesDocument(source.name(), YamlText.hash(root, VERSION_CHARS), routes);
        return new Parsed.Valid<>(document, f.keyAt("routes"), problems.list());
    }

    /** One route, or null when its name is unusable (its other problems are reported all the same). */
    private static RouteDefinition route(FieldReader r, ProblemList problems) {
        r.only(FIELDS.toArray(String[]::new));
        String name = r.requiredText("name");
        String where = name == null ? "" : "route '" + name.strip() + "': ";
        if (name != null && !NAME.matcher(name.strip()).matches()) {
            r.error("name", "'" + name + "' may hold letters, digits, '_' and '-' only");
            name = null;
        }
        var patterns = new ArrayList<Pattern>();
        List<String> regexes = r.texts("regexes");
        if (regexes != null) {
            YamlNode node = r.node("regexes");
            for (int i = 0; i < regexes.size(); i++) {
                Location at = node instanceof YamlNode.Sequence s && i < s.items().size() ? s.items().get(i).at() : r.at("regexes");
                try {
                    patterns.add(Pattern.compile(regexes.get(i), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                } catch (PatternSyntaxException e) {
                    problems.error(at, where + "regexes[" + i + "] does not compile: " + e.getDescription()
                            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                }
            }
        }
        Double weight = r.number("weight", 0, 10);
        if (weight != null && weight == 0) {
            r.error("weight", "must be more than 0 (a route with no weight can never win; remove it instead)");
        }
        String match = r.text("match");
        boolean whole = false;
        if (match != null) {
            String m = match.strip().toLowerCase(Locale.ROOT);
            if (m.equals("whole-message")) whole = true;
            else if (!m.equals("mention")) r.error("match", "expected 'mention' or 'whole-message', found '" + match + "'");
        }
        RouteTarget target = target(r.mapping("target"));
        Boolean schema = r.bool("schema");
        Boolean fallback = r.bool("fallback");
        if (name == null) return null;
        return new RouteDefinition(name.strip(), r.text("description"), clean(r.texts("keywords")), patterns,
                clean(r.texts("examples")), target, weight == null ? 1.0 : weight, whole, Boolean.TRUE.equals(schema),
                Boolean.TRUE.equals(fallback));
    }

    private static RouteTarget target(FieldReader t) {
        if (t == null) return RouteTarget.NONE;
        t.only("tier", "template", "collection", "dataSource");
        String tier = t.text("tier");
        if (tier != null && !tier.equals("small") && !tier.equals("large")) {
            t.error("tier", "expected small or large, found '" + tier + "'");
            tier = null;
        }
        return new RouteTarget(tier, blankToNull(t.text("template")), blankToNull(t.text("collection")), blankToNull(t.text("dataSource")));
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }

    private static List<String> clean(List<String> values) {
        if (values == null) return List.of();
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }
}
