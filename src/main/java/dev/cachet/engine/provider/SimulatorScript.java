package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;

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
     * @throws IllegalArgumentException naming the file, line and column of what is wrong, one line per problem
     */
    public static SimulatorScript load(String spec, Path baseDir) {
        if (spec == null || spec.isBlank() || spec.equals("none")) return NONE;
        if (spec.startsWith(BUILTIN)) {
            String path = "/simulator/" + spec.substring(BUILTIN.length()) + ".yaml";
            try (InputStream in = SimulatorScript.class.getResourceAsStream(path)) {
                if (in == null) throw new IllegalArgumentException("no built-in script '" + spec + "'");
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), spec);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + spec + ": " + e.getMessage(), e);
            }
        }
        Path file = baseDir.resolve(spec);
        try {
            return parse(Files.readString(file), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file + " (a rules file, builtin:NAME or none)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a script, reporting every problem at once, one line each ({@code FILE:LINE:COL: ...}): unknown
     * fields with the closest known name, values of the wrong kind, a regex that does not compile.
     *
     * @throws IllegalArgumentException with one line per problem
     */
    public static SimulatorScript parse(String yamlText, String source) {
        var problems = new ProblemList(source);
        YamlNode root = YamlText.parse(yamlText, problems);
        var rules = new ArrayList<Rule>();
        FieldReader top = root == null ? null : FieldReader.root(root, problems, "a simulator script");
        if (top != null) {
            top.only("rules");
            YamlNode list = top.node("rules");
            if (list == null) {
                problems.error(top.at(), "no 'rules:' list (each rule: match, answer)");
            } else if (!(list instanceof YamlNode.Sequence seq)) {
                problems.error(list.at(), "field 'rules': expected a list of rules (- match: ..., answer: ...), found " + list.kind());
            } else {
                for (int i = 0; i < seq.items().size(); i++) {
                    Rule rule = rule(seq.items().get(i), "rules[" + i + "]", problems);
                    if (rule != null) rules.add(rule);
                }
            }
        }
        if (problems.hasErrors()) {
            throw new IllegalArgumentException(problems.list().stream().filter(Problem::isError).map(Problem::format)
                    .collect(Collectors.joining("\n")));
        }
        return new SimulatorScript(source, rules);
    }

    private static Rule rule(YamlNode item, String path, ProblemList problems) {
        if (!(item instanceof YamlNode.Mapping m)) {
            problems.error(item.at(), "field '" + path + "': expected a rule (match: ..., answer: ...), found " + item.kind());
            return null;
        }
        var fields = new FieldReader(m, path, problems);
        fields.only("match", "answer");
        String match = fields.requiredText("match");
        String answer = fields.requiredText("answer");
        if (match == null || answer == null) return null;
        try {
            return new Rule(Pattern.compile(match), answer);
        } catch (PatternSyntaxException e) {
            fields.error("match", "does not compile: " + e.getDescription());
            return null;
        }
    }
}
