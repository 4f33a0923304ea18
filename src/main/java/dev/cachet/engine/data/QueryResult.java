package dev.cachet.engine.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows a query returned, as text (what the answer and the result table show).
 *
 * @param truncated the query had more rows than the row limit; only the first {@code rows.size()} are here
 */
public record QueryResult(List<String> columns, List<List<String>> rows, boolean truncated, Duration elapsed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public QueryResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** The rows as JSON ({"columns": [...], "rows": [[...], ...], "truncated": b}): how the trace carries them. */
    public String toJson() {
        var node = JSON.createObjectNode();
        var cols = node.putArray("columns");
        columns.forEach(cols::add);
        var rs = node.putArray("rows");
        for (List<String> row : rows) {
            var r = rs.addArray();
            row.forEach(r::add);
        }
        node.put("truncated", truncated);
        return node.toString();
    }

    /** Reads {@link #toJson()} back (the chat's result table). */
    public static QueryResult fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            var columns = new ArrayList<String>();
            node.path("columns").forEach(c -> columns.add(c.asText()));
            var rows = new ArrayList<List<String>>();
            node.path("rows").forEach(row -> {
                var cells = new ArrayList<String>();
                row.forEach(c -> cells.add(c.asText()));
                rows.add(cells);
            });
            return new QueryResult(columns, rows, node.path("truncated").asBoolean(), Duration.ZERO);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a result table: " + e.getOriginalMessage(), e);
        }
    }
}
