package dev.cachet.engine.catalogue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cachet.engine.config.ConfigException;
import dev.cachet.engine.config.DurationText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a {@code models.yaml}; errors name the file, line, column and field. */
final class CatalogueFile {

    private static final Set<String> KINDS = Set.of("ollama", "openai", "anthropic");
    private static final Set<String> TOKEN_FIELDS = Set.of("max_tokens", "max_completion_tokens");

    /** The file as written. */
    record Document(Map<String, KindDefaults> defaults, List<Entry> models) { }

    record KindDefaults(String model) { }

    /** {@code {min, max}} (the range the API accepts) or {@code {fixed}} (sampling is not adjustable). */
    record TemperatureRule(Double min, Double max, Double fixed) { }

    /** One entry, as written; unset fields are null. */
    record Entry(@JsonProperty(required = true) String kind,
                 @JsonProperty(required = true) @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> match,
                 Boolean chat, Integer contextWindow, Integer maxOutputTokens, Integer defaultMaxTokens, String maxTokensField,
                 TemperatureRule temperature, Boolean temperatureOrTopP, String thinking, Duration firstTokenTimeout,
                 ModelSpec.Price price, LocalDate retired, String replacement) {

        Entry {
            match = match == null ? List.of() : List.copyOf(match);
        }

        boolean matches(String model) {
            for (String glob : match) if (Glob.matches(glob, model)) return true;
            return false;
        }

        /** This entry's fields, with {@code other}'s where this one sets none. */
        Entry orElse(Entry other) {
            return new Entry(kind, match, or(chat, other.chat), or(contextWindow, other.contextWindow),
                    or(maxOutputTokens, other.maxOutputTokens), or(defaultMaxTokens, other.defaultMaxTokens),
                    or(maxTokensField, other.maxTokensField), or(temperature, other.temperature),
                    or(temperatureOrTopP, other.temperatureOrTopP), or(thinking, other.thinking),
                    or(firstTokenTimeout, other.firstTokenTimeout), or(price, other.price), or(retired, other.retired),
                    or(replacement, other.replacement));
        }

        ModelSpec toSpec(String model) {
            TemperatureRule t = temperature == null ? new TemperatureRule(null, null, null) : temperature;
            ModelSpec.Thinking think = thinking == null ? null : switch (thinking) {
                case "default-on" -> ModelSpec.Thinking.ON;
                case "default-off" -> ModelSpec.Thinking.OFF;
                default -> ModelSpec.Thinking.ALWAYS;
            };
            return new ModelSpec(kind, model, chat, contextWindow, maxOutputTokens, defaultMaxTokens, maxTokensField,
                    t.min(), t.max(), t.fixed(), temperatureOrTopP, think, firstTokenTimeout, price, retired, replacement);
        }

        private static <T> T or(T a, T b) { return a != null ? a : b; }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new SimpleModule("catalogue")
                    .addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
                        @Override public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                            try {
                                return DurationText.parse(p.getValueAsString());
                            } catch (IllegalArgumentException e) {
                                throw JsonMappingException.from(p, e.getMessage());
                            }
                        }
                    })
                    .addDeserializer(LocalDate.class, new StdDeserializer<>(LocalDate.class) {
                        @Override public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                            try {
                                return LocalDate.parse(p.getValueAsString());
                            } catch (DateTimeParseException e) {
                                throw JsonMappingException.from(p, "'" + p.getValueAsString() + "' is not a date (write e.g. 2026-02-19)");
                            }
                        }
                    }))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CatalogueFile() { }

    static ModelCatalogue builtIn() {
        try (InputStream in = CatalogueFile.class.getResourceAsStream(ModelCatalogue.FILE)) {
            if (in == null) throw new IllegalStateException("the jar has no " + ModelCatalogue.FILE);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "(built-in) " + ModelCatalogue.FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in model catalogue is broken: " + e.getMessage(), e);
        }
    }

    /** The catalogue in {@code file}, or empty when there is no such file. */
    static Optional<ModelCatalogue> read(Path file) throws ConfigException {
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(parse(Files.readString(file), file.toString()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static ModelCatalogue parse(String text, String source) throws ConfigException {
        Document doc;
        try {
            doc = YAML.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m ? path(m) : "";
            throw new ConfigException(where(source, e.getLocation()) + field + e.getOriginalMessage(), e);
        }
        if (doc == null) return new ModelCatalogue(List.of(), Map.of());
        List<Entry> entries = doc.models() == null ? List.of() : doc.models();
        for (int i = 0; i < entries.size(); i++) check(entries.get(i), source + ": models[" + i + "]: ");
        var defaults = new LinkedHashMap<String, String>();
        if (doc.defaults() != null) {
            doc.defaults().forEach((kind, d) -> { if (d != null && d.model() != null) defaults.put(kind, d.model()); });
        }
        return new ModelCatalogue(entries, defaults);
    }

    private static void check(Entry e, String where) throws ConfigException {
        if (!KINDS.contains(e.kind())) throw new ConfigException(where + "kind '" + e.kind() + "' is not one of " + KINDS, null);
        if (e.match().isEmpty()) throw new ConfigException(where + "match needs at least one model pattern", null);
        if (e.maxTokensField() != null && !TOKEN_FIELDS.contains(e.maxTokensField())) {
            throw new ConfigException(where + "maxTokensField '" + e.maxTokensField() + "' is not one of " + TOKEN_FIELDS, null);
        }
        if (e.thinking() != null && !Set.of("default-on", "default-off", "always").contains(e.thinking())) {
            throw new ConfigException(where + "thinking '" + e.thinking() + "' is not one of default-on, default-off, always", null);
        }
        TemperatureRule t = e.temperature();
        if (t != null && t.min() != null && t.max() != null && t.min() > t.max()) {
            throw new ConfigException(where + "temperature min " + t.min() + " is above max " + t.max(), null);
        }
        for (Integer n : new Integer[] {e.contextWindow(), e.maxOutputTokens(), e.defaultMaxTokens()}) {
            if (n != null && n < 1) throw new ConfigException(where + "token counts must be positive, was " + n, null);
        }
    }

    private static String where(String source, JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? source + ": " : source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": ";
    }

    private static String path(JsonMappingException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.isEmpty() ? "" : "field " + sb + ": ";
    }
}
