package dev.cachet.engine.experiments.promptfoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.experiments.AssertionSpec;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.ExperimentPrompt;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.experiments.TestCase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a definition (read from a promptfoo config) as Cachet's experiment YAML: prompts inline, the
 * dataset inline with each case's assertions (defaults merged in), assertions Cachet cannot run kept as
 * they are so that a run still names them.
 */
public final class PromptfooImport {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES, YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

    private PromptfooImport() { }

    public static String toYaml(ExperimentDefinition d) {
        var root = new LinkedHashMap<String, Object>();
        root.put("id", d.id());
        if (d.description() != null) root.put("description", d.description());
        var prompts = new ArrayList<Object>();
        for (ExperimentPrompt p : d.prompts()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", p.label());
            if (p.messages().size() == 1 && p.messages().getFirst().role().equals("user")) {
                m.put("text", p.messages().getFirst().content());
            } else {
                var ms = new ArrayList<Object>();
                for (var msg : p.messages()) ms.add(Map.of("role", msg.role(), "content", msg.content()));
                m.put("messages", ms);
            }
            prompts.add(m);
        }
        root.put("prompts", prompts);
        if (!(d.models().size() == 1 && d.models().getFirst().equals(ModelTarget.DEFAULT))) {
            root.put("models", d.models().stream().map(ModelTarget::label).toList());
        }
        Map<String, Object> params = params(d.params());
        if (!params.isEmpty()) root.put("params", params);
        var rows = new ArrayList<Object>();
        for (TestCase c : d.cases()) rows.add(row(c));
        root.put("dataset", rows);
        if (d.repeat() != 1) root.put("repeat", d.repeat());
        root.put("concurrency", d.concurrency());
        root.put("cache", d.cache().name().toLowerCase(java.util.Locale.ROOT));
        root.put("seed", d.seed());
        if (d.judge() != null) root.put("judge", d.judge().label());
        try {
            return "# Imported by Cachet from " + d.source() + " (promptfoo). Schema: prompts/experiments/README.md\n" + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> row(TestCase c) {
        var m = new LinkedHashMap<String, Object>();
        if (c.description() != null) m.put("description", c.description());
        m.put("vars", c.vars());
        if (c.expected() != null) m.put("expected", c.expected());
        if (c.threshold() != null) m.put("threshold", c.threshold());
        var asserts = new ArrayList<Object>();
        for (AssertionSpec a : c.assertions()) {
            var x = new LinkedHashMap<String, Object>();
            x.put("type", a.type());
            if (a.value() != null) x.put("value", a.value());
            if (a.threshold() != null) x.put("threshold", a.threshold());
            if (a.weight() != null) x.put("weight", a.weight());
            if (a.metric() != null) x.put("metric", a.metric());
            if (a.transform() != null) x.put("transform", a.transform());
            asserts.add(x);
        }
        m.put("assert", asserts);
        return m;
    }

    private static Map<String, Object> params(ChatParams p) {
        var m = new LinkedHashMap<String, Object>();
        if (p.temperature() != null) m.put("temperature", p.temperature());
        if (p.maxTokens() != null) m.put("max_tokens", p.maxTokens());
        if (p.topP() != null) m.put("top_p", p.topP());
        if (!p.stop().isEmpty()) m.put("stop", p.stop());
        if (p.responseFormat() != null) m.put("response_format", p.responseFormat());
        return m;
    }
}
