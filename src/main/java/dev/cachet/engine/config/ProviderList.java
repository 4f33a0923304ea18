package dev.cachet.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How {@code providers:} in the file meets the built-in providers: entries merge by id, field by field,
 * like every other section; an entry with a new id is added after the built-ins. The writer does the
 * reverse: a built-in is written only as the fields that differ from it.
 */
final class ProviderList {

    /** The merged list and, for each of its entries, the index of the file's entry it came from (-1: built-in only). */
    record Merged(ArrayNode list, int[] fileIndex) {

        /** {@code providers[3].x} (merged) as {@code providers[0].x} (in the file); other paths unchanged. */
        String inFile(String path) {
            if (!path.startsWith("providers[")) return path;
            int close = path.indexOf(']');
            int merged = Integer.parseInt(path.substring("providers[".length(), close));
            if (merged >= fileIndex.length || fileIndex[merged] < 0) return path;
            return "providers[" + fileIndex[merged] + "]" + path.substring(close + 1);
        }
    }

    private ProviderList() { }

    /**
     * Merges the file's entries over the built-ins' (as trees, before binding). Anything that is not a list
     * of mappings is returned as the file has it, for the binding to report.
     */
    static Merged merge(ObjectMapper yaml, JsonNode builtIns, JsonNode fromFile) {
        if (!(fromFile instanceof ArrayNode entries) || !(builtIns instanceof ArrayNode defaults)) {
            return new Merged(fromFile instanceof ArrayNode a ? a : null, new int[0]);
        }
        ArrayNode out = yaml.createArrayNode();
        var fileIndex = new ArrayList<Integer>();
        Map<String, Integer> builtInPosition = new HashMap<>();
        for (JsonNode b : defaults) {
            builtInPosition.put(b.path("id").asText(), out.size());
            out.add(b.deepCopy());
            fileIndex.add(-1);
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            Integer at = entry instanceof ObjectNode o && o.path("id").isTextual() ? builtInPosition.remove(o.path("id").asText()) : null;
            if (at != null) {
                ((ObjectNode) out.get(at)).setAll((ObjectNode) entry);
                fileIndex.set(at, i);
            } else {
                out.add(entry);
                fileIndex.add(i);
            }
        }
        return new Merged(out, fileIndex.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The entries to write for {@code providers}: a built-in only where it differs from its default (as its
     * id and those fields), any other entry whole except fields at their record defaults.
     *
     * @param difference the fields of the first tree that differ from the second
     */
    static ArrayNode difference(ObjectMapper yaml, List<ProviderConfig> providers,
                                BiFunction<ObjectNode, ObjectNode, ObjectNode> difference) {
        ObjectNode bare = yaml.valueToTree(new ProviderConfig(null, null, null, null, null, null, null, null, null));
        ArrayNode out = yaml.createArrayNode();
        for (ProviderConfig p : providers) {
            ObjectNode now = yaml.valueToTree(p);
            var builtIn = CachetConfig.BUILT_IN_PROVIDERS.stream().filter(b -> b.id().equals(p.id())).findFirst();
            if (builtIn.isEmpty()) {
                out.add(difference.apply(now, bare));
                continue;
            }
            ObjectNode changed = difference.apply(now, yaml.valueToTree(builtIn.get()));
            if (changed.isEmpty()) continue;
            ObjectNode entry = yaml.createObjectNode().put("id", p.id());
            entry.setAll(changed);
            out.add(entry);
        }
        return out;
    }
}
