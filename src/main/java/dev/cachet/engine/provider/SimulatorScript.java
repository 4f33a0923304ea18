package dev.cachet.engine.provider;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cachet.engine.chat.ChatMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The simulator's scripted mode: rules read from YAML; the first rule whose {@code match} regex is
 * found in the rendered prompt (every message's text, joined by blank lines, roles as "system:",
 * "user:", "assistant:" line prefixes) gives the answer text. Prompts no rule matches get the
 * simulator's usual deterministic text. Format (documented in README, "Simulator"):
 * <pre>
 * rules:
 *   - match: "(?is)question: how many customers"
 *     answer: "SELECT COUNT(*) AS customers FROM customers"
 * </pre>
 * A rule is a record so that later fields (weighted answers, a latency per rule) are additions.
 */
public final class SimulatorScript {

    /** "builtin:NAME" names a script inside the jar ({@code /simulator/NAME.yaml}). */
    public static final String BUILTIN = "builtin:";
    public static final SimulatorScript NONE = new SimulatorScript("none", List.of());

    public record Rule(Pattern match, String answer) { }

    record RuleSpec(String match, String answer) { }

    record ScriptSpec(List<RuleSpec> rules) { }

    private final String source;
    private final List<Rule> rules;

    public SimulatorScript(String source, List<Rule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    public String source() { return source; }
    public List<Rule> rules() { return rules; }

    /** The scripted answer for these messages, if a rule matches. */
    public Optional<String> answer(List<ChatMessage> messages) {
        if (rules.isEmpty()) return Optional.empty();
        String prompt = render(messages);
        for (Rule r : rules) if (r.match().matcher(prompt).find()) return Optional.of(r.answer());
        return Optional.empty();
    }

    static String render(List<ChatMessage> messages) {
        return messages.stream().map(m -> m.role().name().toLowerCase(java.util.Locale.ROOT) + ": " + m.content())
                .collect(Collectors.joining("\n\n"));
    }

    /**
     * Loads {@code spec}: null/blank/"none" = no script; "builtin:NAME" = a script in the jar; else a YAML
     * file path (relative paths against {@code baseDir}).
     *
     * @throws IllegalArgumentException naming the file, line and column of what is wrong
     */
    public static SimulatorScript load(String spec, Path baseDir) {
        if (spec == null || spec.isBlank() || spec.equals("none")) return NONE;
        if (spec.startsWith(BUILTIN)) {
            String path = "/simulator/" + spec.substring(BUILTIN.length()) + ".yaml";
            try (InputStream in = SimulatorScript.class.getResourceAsStream(path)) {
                if (in == null) throw new IllegalArgumentException("simulator.script: no built-in script '" + spec + "'");
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), spec);
            } catch (IOException e) {
                throw new IllegalArgumentException("simulator.script: cannot read " + spec + ": " + e.getMessage(), e);
            }
        }
        Path file = baseDir.resolve(spec);
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("simulator.script: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static SimulatorScript parse(String yamlText, String source) {
        var mapper = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        checkFields(mapper, yamlText, source);
        ScriptSpec spec;
        try {
            spec = mapper.readValue(yamlText, ScriptSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where(source, e.getLocation()) + e.getOriginalMessage(), e);
        }
        if (spec == null || spec.rules() == null) throw new IllegalArgumentException(source + ": no 'rules:' list");
        var rules = new ArrayList<Rule>();
        for (int i = 0; i < spec.rules().size(); i++) {
            RuleSpec r = spec.rules().get(i);
            if (r == null || r.match() == null || r.answer() == null) {
                throw new IllegalArgumentException(source + ": rules[" + i + "] needs 'match' and 'answer'");
            }
            try {
                rules.add(new Rule(Pattern.compile(r.match()), r.answer()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(source + ": rules[" + i + "].match does not compile: " + e.getDescription(), e);
            }
        }
        return new SimulatorScript(source, rules);
    }

    /** Names an unknown field where it stands (Jackson reports records' unknown fields at the end of the object). */
    private static void checkFields(ObjectMapper mapper, String yamlText, String source) {
        try (var p = mapper.getFactory().createParser(yamlText)) {
            int depth = 0;
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT -> depth++;
                    case END_OBJECT -> depth--;
                    case FIELD_NAME -> {
                        var known = depth == 1 ? java.util.Set.of("rules") : java.util.Set.of("match", "answer");
                        if (!known.contains(p.currentName())) {
                            throw new IllegalArgumentException(where(source, p.currentTokenLocation()) + "unknown field '"
                                    + p.currentName() + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            // syntax errors are reported by the full parse with their location
        }
    }

    private static String where(String source, JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? source + ": " : source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": ";
    }
}
