package dev.cachet.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code cachet.yaml} from the data dir over the embedded defaults: a file that sets one field
 * changes only that field. Errors name the file, line, column and field path. Writes it back with only
 * the fields that differ from the defaults, atomically, keeping the previous file as {@code cachet.yaml.bak}.
 */
public final class ConfigFile {

    public static final String NAME = "cachet.yaml";
    public static final String BACKUP = NAME + ".bak";

    private static final String HEADER = """
            # Cachet settings: only what differs from the built-in defaults.
            # Written by the Settings pane; the previous version is kept as cachet.yaml.bak.
            """;

    private final ObjectMapper yaml;

    public ConfigFile() {
        var durations = new SimpleModule("durations")
                .addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
                    @Override public Duration deserialize(JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctx) throws IOException {
                        try {
                            return DurationText.parse(p.getValueAsString());
                        } catch (IllegalArgumentException e) {
                            throw JsonMappingException.from(p, e.getMessage());
                        }
                    }
                })
                .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                    @Override public void serialize(Duration d, com.fasterxml.jackson.core.JsonGenerator g,
                                                    com.fasterxml.jackson.databind.SerializerProvider s) throws IOException {
                        g.writeString(DurationText.format(d));
                    }
                });
        var factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        this.yaml = new ObjectMapper(factory)
                .registerModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The config in {@code dataDir/cachet.yaml}, or the defaults when there is no such file. */
    public CachetConfig load(Path dataDir) throws ConfigException {
        Path file = dataDir.resolve(NAME);
        if (!Files.exists(file)) return CachetConfig.defaults();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text over the defaults; {@code source} names it in errors. */
    public CachetConfig parse(String text, String source) throws ConfigException {
        JsonNode user;
        try {
            user = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(source, e.getLocation()) + e.getOriginalMessage(), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) return CachetConfig.defaults();
        if (!user.isObject()) throw new ConfigException(source + ":1:1: the top level must be a mapping of fields", null);
        ObjectNode merged = yaml.valueToTree(CachetConfig.defaults());
        merge(merged, (ObjectNode) user);
        try {
            return yaml.treeToValue(merged, CachetConfig.class);
        } catch (JsonProcessingException e) {
            String path = path(e);
            JsonLocation at = locate(text, path);
            String what = e instanceof UnrecognizedPropertyException u
                    ? "unknown field '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds().stream()
                      .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")"
                    : rootMessage(e);
            throw new ConfigException(where(source, at) + "field " + path + ": " + what, e);
        }
    }

    /** The defaults as YAML, to show a user what can be set. */
    public String defaultsAsYaml() {
        try {
            return yaml.writeValueAsString(CachetConfig.defaults());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The text {@link #write} puts in the file: a short header and only the fields that differ from the
     * defaults. Provider entries leave out what their record fills in anyway (timeouts, burst 1, ...).
     *
     * @throws ConfigException when the text would not read back as {@code config} (a default entry
     *                         removed from a mapping such as {@code cache.ttl} cannot be expressed)
     */
    public String toYaml(CachetConfig config) throws ConfigException {
        ObjectNode out = difference(yaml.valueToTree(config), yaml.valueToTree(CachetConfig.defaults()));
        if (out.get("providers") instanceof com.fasterxml.jackson.databind.node.ArrayNode list) {
            ObjectNode bare = yaml.valueToTree(new ProviderConfig(null, null, null, null, null, null, null, null, null));
            var shortList = yaml.createArrayNode();
            for (JsonNode p : list) shortList.add(p instanceof ObjectNode o ? difference(o, bare) : p);
            out.set("providers", shortList);
        }
        String text;
        try {
            text = HEADER + (out.isEmpty() ? "" : yaml.writeValueAsString(out));
        } catch (JsonProcessingException e) {
            throw new ConfigException(NAME + ": cannot write: " + e.getOriginalMessage(), e);
        }
        CachetConfig back = parse(text, NAME);
        if (!back.equals(config)) {
            throw new ConfigException(NAME + ": these settings would not read back the same "
                    + "(an entry removed from a default mapping such as cache.ttl or prices cannot be written); nothing was saved", null);
        }
        return text;
    }

    /**
     * Writes {@code dataDir/cachet.yaml}: to a temporary file first, then the old file is copied to
     * {@code cachet.yaml.bak}, then the new one moved over it. On any failure the old file is untouched.
     *
     * @return the file written
     */
    public Path write(Path dataDir, CachetConfig config) throws ConfigException {
        String text = toYaml(config);
        Path file = dataDir.resolve(NAME);
        Path temp = null;
        try {
            Files.createDirectories(dataDir);
            temp = Files.createTempFile(dataDir, ".cachet-", ".yaml.tmp");
            Files.writeString(temp, text);
            if (Files.exists(file)) Files.copy(file, dataDir.resolve(BACKUP), StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless; the error below is what matters
                }
            }
            throw new ConfigException(file + ": not saved (" + reason(e) + "); the previous file is unchanged", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String why = f.getReason() != null ? f.getReason() : switch (f) {
                case java.nio.file.AccessDeniedException a -> "permission denied";
                case java.nio.file.FileAlreadyExistsException a -> "already exists and is not a directory";
                case java.nio.file.NoSuchFileException a -> "does not exist";
                case java.nio.file.DirectoryNotEmptyException a -> "is a directory that is not empty";
                default -> f.getClass().getSimpleName();
            };
            return f.getFile() == null ? why : f.getFile() + ": " + why;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The fields of {@code actual} that differ from {@code base}; mappings compared field by field. */
    private ObjectNode difference(ObjectNode actual, ObjectNode base) {
        ObjectNode out = yaml.createObjectNode();
        actual.properties().forEach(field -> {
            JsonNode was = base.get(field.getKey());
            JsonNode now = field.getValue();
            if (now.equals(was) || (was == null && now.isNull())) return;
            if (now instanceof ObjectNode n && was instanceof ObjectNode w) out.set(field.getKey(), difference(n, w));
            else out.set(field.getKey(), now);
        });
        return out;
    }

    /** Lists (providers) replace the default list whole; mappings merge field by field. */
    private static void merge(ObjectNode target, ObjectNode source) {
        source.properties().forEach(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode t && field.getValue() instanceof ObjectNode s) merge(t, s);
            else target.set(field.getKey(), field.getValue());
        });
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) return "(top level)";
        var sb = new StringBuilder();
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String msg = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return msg == null ? t.toString() : msg.lines().findFirst().orElse(msg);
    }

    private static String where(String source, JsonLocation at) {
        if (at == null || at.getLineNr() < 1) return source + ": ";
        return source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": ";
    }

    /** Finds where a dotted field path stands in the user's YAML (merged trees have no locations). */
    private JsonLocation locate(String text, String path) {
        Map<String, JsonLocation> places = new HashMap<>();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            var frames = new java.util.ArrayDeque<Frame>();
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                Frame top = frames.peek();
                switch (token) {
                    case FIELD_NAME -> {
                        top.field = p.currentName();
                        places.put(pathOf(frames), p.currentTokenLocation());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        if (top != null && top.array) top.index++;
                        frames.push(new Frame(token == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> frames.pop();
                    default -> {
                        if (top != null && top.array) {
                            top.index++;
                            places.put(pathOf(frames), p.currentTokenLocation());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: an error without a line is still an error with a field path
        }
        String key = path;
        while (!key.isEmpty()) {
            if (places.containsKey(key)) return places.get(key);
            int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
            key = cut <= 0 ? "" : key.substring(0, cut);
        }
        return null;
    }

    private static String pathOf(java.util.Deque<Frame> frames) {
        var sb = new StringBuilder();
        for (var it = frames.descendingIterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.array) sb.append('[').append(f.index).append(']');
            else if (f.field != null) sb.append(sb.isEmpty() ? "" : ".").append(f.field);
        }
        return sb.toString();
    }

    /** Where the YAML walk stands: an object and its current field, or an array and its current index. */
    private static final class Frame {
        final boolean array;
        String field;
        int index = -1;

        Frame(boolean array) { this.array = array; }
    }
}
