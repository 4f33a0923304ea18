package dev.cachet.engine.experiments;

import dev.cachet.engine.definitions.FieldReader;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.YamlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A raw prompt's messages: a list of {@code {role: system|user|assistant, content: ...}}. */
public final class Messages {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private Messages() { }

    public static List<ExperimentPrompt.Message> read(YamlNode node, String path, ProblemList problems) {
        var out = new ArrayList<ExperimentPrompt.Message>();
        if (!(node instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            problems.error(node == null ? dev.cachet.engine.definitions.Location.START : node.at(),
                    path + ": expected a list of {role, content}");
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                problems.error(item.at(), path + "[" + i + "]: expected {role, content}, found " + item.kind());
                continue;
            }
            var f = new FieldReader(m, path + "[" + i + "]", problems);
            f.only("role", "content");
            String role = f.requiredText("role");
            String content = f.requiredText("content");
            if (role != null && !ROLES.contains(role)) f.error("role", "expected system, user or assistant, found '" + role + "'");
            else if (role != null && content != null) out.add(new ExperimentPrompt.Message(role, content));
        }
        if (!out.isEmpty() && !out.getLast().role().equals("user")) {
            problems.error(node.at(), path + ": the last message must be the user's");
        }
        return out;
    }
}
