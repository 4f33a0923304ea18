package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.definitions.YamlText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The simulator's scripted mode: rules read from YAML; the first rule whose {@code match} regex is
 * found in the rendered prompt (every message's text, joined by blank lines, roles as "system:",
 * "user:", "assistant:" line prefixes) answers. A rule gives one text, or several with weights (one is
 * drawn per call), and optionally a latency distribution for its time to first token. Prompts no rule
 * matches get the simulator's usual deterministic text. The format is in README, "Simulator":
 * <pre>
 * rules:
 *   - match: "(?is)question: how many customers"
 *     answer: "SELECT COUNT(*) AS customers FROM customers"
 *   - match: "(?s)careful variant"
 *     answers:
 *       - {text: "Paris.", weight: 0.9}
 *       - {text: "Lyon.", weight: 0.1}
 *     latency: {distribution: lognormal, median: 300ms, p95: 900ms}
 * </pre>
 * Draws use the request's seed when it has one (an experiment's cell), so a seeded run repeats exactly.
 */
public final class SimulatorScript {

    /** "builtin:NAME" names a script inside the jar ({@code /simulator/NAME.yaml}). */
    public static final String BUILTIN = "builtin:";
    public static final SimulatorScript NONE = new SimulatorScript("none", List.of());

    /** One text a rule may answer, with its relative weight. */
    public record Answer(String text, double weight) { }

    /**
     * @param latency time to first token for prompts this rule answers, or null: the simulator's setting
     */
    public record Rule(Pattern match, List<Answer> answers, LatencyDistribution latency) {
        public Rule {
            answers = List.copyOf(answers);
            if (answers.isEmpty()) throw new IllegalArgumentException("a rule needs at least one answer");
        }

        /** A rule with one answer and the simulator's latency. */
        public Rule(Pattern match, String answer) { this(match, List.of(new Answer(answer, 1)), null); }

        /** One answer, drawn by weight. */
        public String pick(RandomGenerator random) {
            if (answers.size() == 1) return answers.getFirst().text();
            double total = answers.stream().mapToDouble(Answer::weight).sum();
            double point = random.nextDouble() * total;
            double acc = 0;
            for (Answer a : answers) {
                acc += a.weight();
                if (point < acc) return a.text();
            }
            return answers.getLast().text();
        }
    }

    /** What a rule says for one call: the text and, when the rule has one, the time to first token. */
    public record Scripted(String text, Duration timeToFirstToken) { }

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
        return answer(messages, java.util.concurrent.ThreadLocalRandom.current()).map(Scripted::text);
    }

    /** The scripted answer and latency for these messages, drawn with {@code random}, if a rule matches. */
    public Optional<Scripted> answer(List<ChatMessage> messages, RandomGenerator random) {
        if (rules.isEmpty()) return Optional.empty();
        String prompt = render(messages);
        for (Rule r : rules) {
            if (r.match().matcher(prompt).find()) {
                String text = r.pick(random);
                return Optional.of(new Scripted(text, r.latency() == null ? null : r.latency().sample(random)));
            }
        }
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

    /** Reads a script; every problem is reported as {@code SOURCE:LINE:COL: message}, all of them in one exception. */
    public static SimulatorScript parse(String yamlText, String source) {
        var problems = new ProblemList(source);
        YamlNode root = YamlText.parse(yamlText, problems);
        FieldReader f = root == null ? null : FieldReader.root(root, problems, "a simulator script");
        var rules = new ArrayList<Rule>();
        if (f != null) {
            f.only("rules");
            YamlNode list = f.node("rules");
            if (!(list instanceof YamlNode.Sequence seq)) {
                problems.error(list == null ? f.at() : list.at(), "expected 'rules:' with a list of rules");
            } else {
                for (int i = 0; i < seq.items().size(); i++) {
                    Rule r = rule(seq.items().get(i), "rules[" + i + "]", problems);
                    if (r != null) rules.add(r);
                }
            }
        }
        if (problems.hasErrors()) {
            throw new IllegalArgumentException(problems.list().stream().filter(p -> p.isError())
                    .map(p -> p.format()).collect(Collectors.joining("\n")));
        }
        return new SimulatorScript(source, rules);
    }

    private static Rule rule(YamlNode node, String path, ProblemList problems) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.error(node.at(), path + ": expected a rule (match, answer or answers, latency), found " + node.kind());
            return null;
        }
        var r = new FieldReader(m, path, problems);
        r.only("match", "answer", "answers", "latency");
        String match = r.requiredText("match");
        Pattern pattern = null;
        if (match != null) {
            try {
                pattern = Pattern.compile(match);
            } catch (PatternSyntaxException e) {
                r.error("match", "does not compile: " + e.getDescription());
            }
        }
        var answers = new ArrayList<Answer>();
        if (r.has("answer") == r.has("answers")) {
            problems.error(r.at(), path + ": give either 'answer' (one text) or 'answers' (texts with weights)");
        } else if (r.has("answer")) {
            String text = r.text("answer");
            if (text != null) answers.add(new Answer(text, 1));
        } else if (r.node("answers") instanceof YamlNode.Sequence seq && !seq.items().isEmpty()) {
            for (int i = 0; i < seq.items().size(); i++) {
                Answer a = weighted(seq.items().get(i), path + ".answers[" + i + "]", problems);
                if (a != null) answers.add(a);
            }
        } else {
            r.error("answers", "expected a list of {text, weight}");
        }
        LatencyDistribution latency = r.has("latency") ? LatencyDistribution.read(r, "latency") : null;
        if (pattern == null || answers.isEmpty() || problems.hasErrors()) return null;
        return new Rule(pattern, answers, latency);
    }

    private static Answer weighted(YamlNode node, String path, ProblemList problems) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) return new Answer(text, 1);
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.error(node.at(), path + ": expected {text: ..., weight: ...}, found " + node.kind());
            return null;
        }
        var a = new FieldReader(m, path, problems);
        a.only("text", "weight");
        String text = a.requiredText("text");
        Double weight = a.has("weight") ? a.number("weight", 0, 1e9) : Double.valueOf(1);
        return text == null || weight == null ? null : new Answer(text, weight);
    }
}
