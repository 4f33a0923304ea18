package dev.cachet.engine.experiments.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema checks for {@code is-json} and {@code contains-json}, by networknt's json-schema-validator
 * (draft 2020-12 unless the schema names another with {@code $schema}). A schema is compiled once.
 */
public final class JsonSchemas {

    static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private JsonSchemas() { }

    /**
     * The schema an assertion's value gives: a mapping (or boolean) as written, or a text holding YAML or JSON.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Schema compile(Object value) {
        JsonNode node;
        try {
            node = value instanceof String text ? YAML.readTree(text) : JSON.valueToTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the schema is neither YAML nor JSON: " + e.getMessage(), e);
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new IllegalArgumentException("a JSON schema is a mapping (or true/false), found " + (node == null ? "nothing" : node.getNodeType()));
        }
        String key = node.toString();
        Schema cached = COMPILED.get(key);
        if (cached != null) return cached;
        try {
            Schema schema = REGISTRY.getSchema(node);
            schema.validate(JSON.nullNode()); // resolves the schema's keywords now, so a bad one fails here
            COMPILED.put(key, schema);
            return schema;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid JSON schema: " + e.getMessage(), e);
        }
    }

    /** Why {@code instance} does not conform, one message per problem; empty when it does. */
    public static List<String> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(Error::getMessage).toList();
    }
}
