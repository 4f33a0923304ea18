package dev.cachet.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;

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
                        if (!p.currentToken().isScalarValue()) return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
                        String text = p.getValueAsString();
                        try {
                            return DurationText.parse(text);
                        } catch (IllegalArgumentException e) {
                            // through the problem handler, so that the rest of the file is still read
                            return (Duration) ctx.handleWeirdStringValue(Duration.class, text, "%s", e.getMessage());
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
        return parse(text, file.toString(), dataDir);
    }

    /**
     * Parses YAML text over the defaults; {@code source} names it in errors. Every problem is one line,
     * {@code SOURCE:LINE:COLUMN: field PATH: what is wrong}, at the value it is about.
     */
    public CachetConfig parse(String text, String source) throws ConfigException {
        return parse(text, source, null);
    }

    /**
     * As {@link #parse(String, String)}, and {@code simulator.script} is read too (a relative path against
     * {@code scriptBase}, the data dir): a script that does not exist or does not read is a problem of this file.
     */
    public CachetConfig parse(String text, String source, Path scriptBase) throws ConfigException {
        JsonNode user;
        try {
            user = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(source, e.getLocation()) + syntax(e), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) return CachetConfig.defaults();
        if (!user.isObject()) throw new ConfigException(source + ":1:1: the top level must be a mapping of fields (name: value)", null);
        var places = new YamlPlaces(yaml.getFactory(), text);
        if (!places.overflows().isEmpty()) {
            throw new ConfigException(places.overflows().stream().map(o -> where(source, places.valueOf(o.path())) + "field " + o.path()
                    + ": " + o.text() + " is too large a number").toList());
        }
        ObjectNode merged = yaml.valueToTree(CachetConfig.defaults());
        ProviderList.Merged providers = ProviderList.merge(yaml, merged.get("providers"), user.get("providers"));
        merge(merged, (ObjectNode) user);
        if (providers.list() != null) merged.set("providers", providers.list());
        var binding = new BindingProblems();
        CachetConfig config = null;
        try {
            config = yaml.readerFor(CachetConfig.class).withHandler(binding).readValue(yaml.treeAsTokens(merged));
        } catch (JsonProcessingException e) {
            binding.add(MappingWords.of(e, merged)); // what the handler could not step over
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
        var placed = new ArrayList<Placed>();
        for (MappingWords.Failure f : binding.failures()) {
            String path = providers.inFile(f.path());
            placed.add(new Placed(f.unknownField() ? places.nameOf(path) : places.valueOf(path), path, f.message()));
        }
        if (placed.isEmpty()) {
            for (ConfigChecks.Problem p : ConfigChecks.of(config)) {
                String path = providers.inFile(p.path());
                placed.add(new Placed(places.valueOf(path), path, inFile(p.message(), providers)));
            }
        }
        if (placed.isEmpty() && scriptBase != null) {
            for (String problem : ConfigChecks.scriptProblems(config.simulator().script(), scriptBase)) {
                placed.add(new Placed(places.valueOf("simulator.script"), "simulator.script", problem));
            }
        }
        if (!placed.isEmpty()) {
            // In the order of the file, so that the list reads top to bottom.
            throw new ConfigException(placed.stream().sorted(Placed.IN_FILE_ORDER)
                    .map(p -> where(source, p.at()) + "field " + p.path() + ": " + p.message()).toList());
        }
        return config;
    }

    /** A problem with its place in the file (null: not in the file, e.g. a built-in provider's field). */
    private record Placed(JsonLocation at, String path, String message) {
        static final Comparator<Placed> IN_FILE_ORDER = Comparator
                .comparing((Placed p) -> p.at() == null ? Integer.MAX_VALUE : p.at().getLineNr())
                .thenComparing(p -> p.at() == null ? 0 : p.at().getColumnNr());
    }

    /** A YAML syntax error in one line: SnakeYAML's problem and context, without its excerpt and caret. */
    private static String syntax(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext()
                    + (m.getContextMark() == null ? "" : " at " + (m.getContextMark().getLine() + 1) + ":" + (m.getContextMark().getColumn() + 1))
                    + ")";
            return "not valid YAML: " + m.getProblem() + context;
        }
        String message = e.getOriginalMessage();
        return "not valid YAML: " + (message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message));
    }

    /** "already the id of providers[3]" (merged) as the file's index. */
    private static String inFile(String message, ProviderList.Merged providers) {
        return PROVIDER_INDEX.matcher(message).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(providers.inFile(m.group())));
    }

    private static final java.util.regex.Pattern PROVIDER_INDEX = java.util.regex.Pattern.compile("providers\\[\\d+]");

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
     * defaults. A built-in provider is written as its id and what differs from it ({@code enabled: false}
     * when it was removed); any other entry leaves out what its record fills in anyway (timeouts, burst 1, ...).
     *
     * @throws ConfigException when the text would not read back as {@code config} (a default entry
     *                         removed from a mapping such as {@code cache.ttl} cannot be expressed)
     */
    public String toYaml(CachetConfig config) throws ConfigException {
        ObjectNode out = difference(yaml.valueToTree(config), yaml.valueToTree(CachetConfig.defaults()));
        out.remove("providers");
        var providers = ProviderList.difference(yaml, config.providers(), this::difference);
        if (!providers.isEmpty()) out.set("providers", providers);
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

    /** Mappings merge field by field; lists replace the default list whole (providers are merged by id before). */
    private static void merge(ObjectNode target, ObjectNode source) {
        source.properties().forEach(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode t && field.getValue() instanceof ObjectNode s) merge(t, s);
            else target.set(field.getKey(), field.getValue());
        });
    }

    private static String where(String source, JsonLocation at) {
        if (at == null || at.getLineNr() < 1) return source + ": ";
        return source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": ";
    }
}
