package dev.cachet.engine.experiments.promptfoo;

import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;
import dev.cachet.engine.experiments.ModelTarget;

import java.util.ArrayList;
import java.util.List;

/**
 * promptfoo's {@code providers:} as Cachet targets: {@code openai:[chat:]MODEL}, {@code anthropic:[messages:]MODEL}
 * and {@code ollama:[chat:]MODEL} map to Cachet's provider of that kind; others are named in a warning (run them
 * with {@code --provider/--model}). A provider's {@code config} gives temperature and max_tokens.
 */
final class ProviderList {

    private final ProblemList problems;

    ProviderList(ProblemList problems) { this.problems = problems; }

    PromptfooReader.Providers read(YamlNode node) {
        var targets = new ArrayList<ModelTarget>();
        Double temperature = null;
        Integer maxTokens = null;
        if (node == null) return new PromptfooReader.Providers(targets, ChatParams.DEFAULTS);
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : List.of(node);
        for (YamlNode item : items) {
            String id;
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String text) {
                id = text;
            } else if (item instanceof YamlNode.Mapping m) {
                var f = new FieldReader(m, "providers", problems);
                id = f.text("id");
                FieldReader config = f.mapping("config");
                if (config != null) {
                    Double t = config.number("temperature", 0, 2);
                    Integer mt = config.integer("max_tokens", 1, 1_000_000);
                    if (t != null) temperature = t;
                    if (mt != null) maxTokens = mt;
                }
                if (id == null) {
                    problems.error(item.at(), "providers: an object needs 'id'");
                    continue;
                }
            } else {
                problems.error(item.at(), "providers: expected a provider id or {id, config}, found " + item.kind());
                continue;
            }
            ModelTarget t = map(id);
            if (t == null) {
                problems.warning(item.at(), "provider '" + id + "' is not one Cachet talks to (openai, anthropic, ollama): "
                        + "run the suite with --provider and --model");
                targets.add(new ModelTarget(id.contains(":") ? id.substring(0, id.indexOf(':')) : id, id));
            } else {
                targets.add(t);
            }
        }
        return new PromptfooReader.Providers(targets, new ChatParams(temperature, maxTokens, null, List.of(), List.of(), null, null, null));
    }

    /** {@code openai:chat:gpt-4.1-mini} → openai/gpt-4.1-mini; null when the kind is not Cachet's. */
    static ModelTarget map(String id) {
        String[] parts = id.split(":", 3);
        if (parts.length < 2) return null;
        String kind = parts[0];
        String model = parts.length == 3 && List.of("chat", "messages", "completion", "responses").contains(parts[1]) ? parts[2]
                : id.substring(kind.length() + 1);
        return switch (kind) {
            case "openai", "anthropic", "ollama" -> new ModelTarget(kind, model);
            default -> null;
        };
    }
}
