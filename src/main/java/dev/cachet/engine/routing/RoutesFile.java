package dev.cachet.engine.routing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a routes file (YAML; schema in src/site/markdown/routing.md). Errors name the file, line,
 * column, route and field: {@code routes.yaml:14:7: route 'greeting': regexes[2] does not compile:
 * Unclosed group}. The built-in routes are {@code /routing/routes.yaml} inside the jar.
 */
public final class RoutesFile {

    public static final String BUILT_IN = "/routing/routes.yaml";

    /** A problem in a routes file, with where it is. */
    public static final class RoutesException extends Exception {
        public RoutesException(String message, Throwable cause) { super(message, cause); }
    }

    /** The routes file as written; turned into {@link RouteDefinition}s after validation. */
    record RouteSpec(String name, String description, List<String> keywords, List<String> regexes, List<String> examples,
                     TargetSpec target, Double weight, String match, Boolean schema, Boolean fallback) { }

    record TargetSpec(String tier, String template, String collection, String dataSource) { }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The routes built into the jar. */
    public RouteSet builtIn() {
        try (InputStream in = RoutesFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) throw new IllegalStateException("built-in routes missing from the jar: " + BUILT_IN);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RoutesException e) {
            throw new IllegalStateException("the built-in routes do not validate: " + e.getMessage(), e);
        }
    }

    public RouteSet load(Path file) throws RoutesException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RoutesException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses routes YAML; {@code source} names it in errors and in {@link RouteSet#source()}. */
    public RouteSet parse(String text, String source) throws RoutesException {
        var routes = new ArrayList<RouteDefinition>();
        var names = new HashSet<String>();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw error(source, p.currentLocation(), "the top level must be a mapping with 'routes:'");
            boolean sawRoutes = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("routes")) throw error(source, p.currentTokenLocation(), "unknown field '" + field + "' (known: routes)");
                if (value != JsonToken.START_ARRAY) throw error(source, p.currentTokenLocation(), "'routes' must be a list");
                sawRoutes = true;
                int index = 0;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonLocation at = p.currentTokenLocation();
                    var fields = new java.util.HashMap<String, JsonLocation>();
                    var node = yaml.createObjectNode();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonLocation fieldAt = p.currentTokenLocation();
                        if (!KNOWN.contains(name)) {
                            throw error(source, fieldAt, "routes[" + index + "]: unknown field '" + name + "'"
                                    + dev.cachet.engine.definitions.ClosestName.hintOrKnown(name, KNOWN));
                        }
                        fields.put(name, fieldAt);
                        p.nextToken();
                        node.set(name, yaml.readTree(p));
                    }
                    RouteSpec spec;
                    try {
                        spec = yaml.treeToValue(node, RouteSpec.class);
                    } catch (JsonProcessingException e) {
                        String bad = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                                ? m.getPath().getFirst().getFieldName() : null;
                        throw error(source, bad != null && fields.containsKey(bad) ? fields.get(bad) : at,
                                "routes[" + index + "]" + (bad == null ? "" : "." + bad) + ": " + e.getOriginalMessage());
                    }
                    RouteDefinition route = validate(spec, index, source, at, fields);
                    if (!names.add(route.name())) throw error(source, at, "route '" + route.name() + "' is defined twice");
                    routes.add(route);
                    index++;
                }
            }
            if (!sawRoutes) throw error(source, p.currentLocation(), "no 'routes:' list");
        } catch (JsonProcessingException e) {
            throw error(source, e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new RoutesException(source + ": " + e.getMessage(), e);
        }
        try {
            return new RouteSet(routes, version(text), source);
        } catch (IllegalArgumentException e) {
            throw new RoutesException(source + ": " + e.getMessage(), e);
        }
    }

    /** The fields a route may have, in the order the docs list them. */
    static final List<String> KNOWN = List.of("name", "description", "keywords", "regexes", "examples", "target", "weight",
            "match", "schema", "fallback");

    private RouteDefinition validate(RouteSpec s, int index, String source, JsonLocation at, java.util.Map<String, JsonLocation> fields)
            throws RoutesException {
        if (s.name() == null || s.name().isBlank()) throw error(source, at, "routes[" + index + "]: 'name' is required");
        String name = s.name().strip();
        if (!name.matches("[A-Za-z0-9_-]+")) throw error(source, at, "route '" + name + "': name may hold letters, digits, '_' and '-' only");
        String where = "route '" + name + "': ";
        var patterns = new ArrayList<Pattern>();
        List<String> regexes = s.regexes() == null ? List.of() : s.regexes();
        for (int i = 0; i < regexes.size(); i++) {
            try {
                patterns.add(Pattern.compile(regexes.get(i), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw error(source, fields.getOrDefault("regexes", at), where + "regexes[" + i + "] does not compile: " + e.getDescription());
            }
        }
        double weight = s.weight() == null ? 1.0 : s.weight();
        if (!(weight > 0 && weight <= 10)) throw error(source, fields.getOrDefault("weight", at), where + "weight must be within (0, 10], was " + weight);
        String match = s.match() == null ? "mention" : s.match().strip().toLowerCase(Locale.ROOT);
        if (!match.equals("mention") && !match.equals("whole-message")) {
            throw error(source, fields.getOrDefault("match", at), where + "match must be 'mention' or 'whole-message', was '" + s.match() + "'");
        }
        RouteTarget target = RouteTarget.NONE;
        if (s.target() != null) {
            String tier = s.target().tier();
            if (tier != null && !tier.equals("small") && !tier.equals("large")) {
                throw error(source, fields.getOrDefault("target", at), where + "target.tier must be small or large, was '" + tier + "'");
            }
            target = new RouteTarget(tier, s.target().template(), s.target().collection(), s.target().dataSource());
        }
        return new RouteDefinition(name, s.description(), clean(s.keywords()), patterns, clean(s.examples()), target, weight,
                match.equals("whole-message"), Boolean.TRUE.equals(s.schema()), Boolean.TRUE.equals(s.fallback()));
    }

    private static List<String> clean(List<String> values) {
        if (values == null) return List.of();
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }

    private static RoutesException error(String source, JsonLocation at, String message) {
        String where = at == null || at.getLineNr() < 1 ? source + ": " : source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": ";
        return new RoutesException(where + message, null);
    }

    private static String version(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
