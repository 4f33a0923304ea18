package dev.cachet.engine.experiments.assertions;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The assertion types Cachet runs, and promptfoo's other types, which it knows by name and reports as
 * not run (with why) instead of skipping them silently.
 */
public final class AssertionTypes {

    private AssertionTypes() { }

    /** Run by Cachet, promptfoo's semantics. */
    public static final Set<String> SUPPORTED = Set.of("equals", "contains", "icontains", "contains-any", "contains-all",
            "icontains-any", "icontains-all", "starts-with", "regex", "is-json", "contains-json", "levenshtein", "latency",
            "cost", "similar", "similar:cosine", "llm-rubric", "word-count", "character-count", "finish-reason");

    /** Types that run code in another runtime: the reason Cachet gives for not running them. */
    private static final Map<String, String> RUNTIMES = Map.of(
            "javascript", "needs a JavaScript runtime", "python", "needs a Python runtime", "ruby", "needs a Ruby runtime",
            "webhook", "calls a webhook", "guardrails", "needs a provider's guardrail service", "moderation",
            "needs a moderation API", "pi", "needs the Pi scoring API", "perplexity", "needs token log-probabilities",
            "perplexity-score", "needs token log-probabilities", "classifier", "needs a Hugging Face classifier");

    /** promptfoo's remaining types: known, not built into Cachet. */
    private static final Set<String> OTHER_PROMPTFOO = Set.of("agent-rubric", "answer-relevance", "bleu", "contains-html",
            "contains-sql", "contains-xml", "context-faithfulness", "context-recall", "context-relevance",
            "conversation-relevance", "factuality", "g-eval", "gleu", "is-html", "is-refusal", "is-sql",
            "is-valid-function-call", "is-valid-openai-function-call", "is-valid-openai-tools-call", "is-xml", "meteor",
            "model-graded-closedqa", "model-graded-factuality", "rouge-n", "search-rubric", "select-best", "max-score",
            "similar:dot", "similar:euclidean", "skill-used", "tool-call-f1", "trace-error-spans", "trace-span-count",
            "trace-span-duration", "trajectory:goal-success", "trajectory:tool-args-match", "trajectory:step-count",
            "trajectory:tool-sequence", "trajectory:tool-used", "ends-with", "assert-set", "bertscore", "citation-faithfulness");

    /** What Cachet makes of a type name. */
    public sealed interface Kind {
        record Supported() implements Kind { }
        /** Known (promptfoo has it), not run by Cachet, and why. */
        record Unsupported(String why) implements Kind { }
        /** No such type; maybe a typo of {@code closest}. */
        record Unknown(Optional<String> closest) implements Kind { }
    }

    /** Classifies a type as written, {@code not-} prefix and all. */
    public static Kind of(String type) {
        String base = type.startsWith("not-") ? type.substring(4) : type;
        if (SUPPORTED.contains(base)) return new Kind.Supported();
        String why = RUNTIMES.get(base);
        if (why != null) return new Kind.Unsupported(why);
        if (OTHER_PROMPTFOO.contains(base) || base.startsWith("promptfoo:") || base.startsWith("select-")) {
            return new Kind.Unsupported("is a promptfoo type Cachet does not run");
        }
        return new Kind.Unknown(dev.cachet.engine.definitions.ClosestName.to(base, all()));
    }

    /** Every name Cachet knows, for "did you mean" and the shorthand's type list (longest first, so is-json wins over is). */
    public static List<String> all() {
        var names = new LinkedHashSet<String>();
        names.addAll(SUPPORTED);
        names.addAll(RUNTIMES.keySet());
        names.addAll(OTHER_PROMPTFOO);
        return names.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed().thenComparing(s -> s)).toList();
    }

    /** Types whose missing value is the case's expected output. */
    public static boolean takesExpected(String baseType) {
        return switch (baseType) {
            case "equals", "contains", "icontains", "starts-with", "regex", "levenshtein", "similar", "similar:cosine" -> true;
            default -> false;
        };
    }
}
