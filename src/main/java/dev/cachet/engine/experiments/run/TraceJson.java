package dev.cachet.engine.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A cell's trace as stored with it (stage by stage, details and timings), and back, for the trace view. */
public final class TraceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceJson() { }

    public static String write(Trace t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("requestId", t.requestId());
        root.put("startedAt", t.startedAt().toEpochMilli());
        t.timeToFirstToken().ifPresent(d -> root.put("ttftNanos", d.toNanos()));
        t.total().ifPresent(d -> root.put("totalNanos", d.toNanos()));
        var entries = root.putArray("entries");
        for (TraceEntry e : t.entries()) {
            ObjectNode n = entries.addObject();
            n.put("stage", e.stage()).put("decision", e.decision()).put("reason", e.reason()).put("nanos", e.duration().toNanos())
                    .put("tokensIn", e.tokensIn()).put("tokensOut", e.tokensOut()).put("costUsd", e.costUsd());
            ObjectNode d = n.putObject("details");
            e.details().forEach(d::put);
        }
        return root.toString();
    }

    public static Trace read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            var t = new Trace(root.path("requestId").asText("stored"), Instant.ofEpochMilli(root.path("startedAt").asLong()));
            if (root.has("ttftNanos")) t.timeToFirstToken(Duration.ofNanos(root.get("ttftNanos").asLong()));
            if (root.has("totalNanos")) t.total(Duration.ofNanos(root.get("totalNanos").asLong()));
            for (JsonNode n : root.path("entries")) {
                Map<String, String> details = new LinkedHashMap<>();
                n.path("details").properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
                t.add(new TraceEntry(n.path("stage").asText(), n.path("decision").asText(), n.path("reason").asText(),
                        Duration.ofNanos(n.path("nanos").asLong()), n.path("tokensIn").asInt(), n.path("tokensOut").asInt(),
                        n.path("costUsd").asDouble(), details));
            }
            return t;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("a stored trace is not JSON: " + e.getMessage(), e);
        }
    }
}
