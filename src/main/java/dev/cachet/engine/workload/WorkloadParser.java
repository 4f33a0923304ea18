package dev.cachet.engine.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a JSONL workload: one request per line, either {@code {"prompt": "..."}} or
 * {@code {"messages": [{"role": "user", "content": "..."}]}}, or {@code {"template": "id", "variant": "B",
 * "vars": {...}}}, with optional {@code provider, model, system, temperature, max_tokens, top_p, stop, think}. Blank
 * lines are skipped. A malformed line becomes a
 * {@link WorkloadProblem} with its line and column and the rest is still read.
 *
 * <p>Built-in workloads ({@code builtin:demo}) ship under {@code /workloads/NAME.jsonl} on the class path.
 */
public final class WorkloadParser {

    public static final String BUILTIN_PREFIX = "builtin:";

    private final JsonFactory json = new com.fasterxml.jackson.databind.ObjectMapper().getFactory();

    /**
     * Reads a path or a {@code builtin:NAME}; throws when the file itself cannot be read. Bytes that are not
     * UTF-8 make their own line a problem (line and column), not the file; a leading byte-order mark is skipped.
     */
    public Workload read(String location) throws IOException {
        byte[] bytes;
        if (location.startsWith(BUILTIN_PREFIX)) {
            String name = location.substring(BUILTIN_PREFIX.length());
            try (InputStream in = WorkloadParser.class.getResourceAsStream("/workloads/" + name + ".jsonl")) {
                if (in == null) throw new IOException(location + ": no such built-in workload (try builtin:demo)");
                bytes = in.readAllBytes();
            }
        } else {
            try {
                bytes = Files.readAllBytes(Path.of(location));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(location + ": no such file", e);
            } catch (IOException | UncheckedIOException e) {
                throw new IOException(location + ": cannot read: " + e.getMessage(), e);
            }
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            // Every line would be "not UTF-8": say once what the file is.
            throw new IOException(String.format("%s: UTF-16 text (byte-order mark %02X %02X): save it as UTF-8", location, bytes[0], bytes[1]));
        }
        return parse(location, bytes);
    }

    /** Splits UTF-8 bytes into lines ({@code \n} or {@code \r\n}) and parses them; a line that is not UTF-8 is a problem. */
    public Workload parse(String source, byte[] bytes) {
        var lines = new ArrayList<String>();
        var encoding = new ArrayList<WorkloadProblem>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = startsWithBom(bytes) ? 3 : 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try {
                lines.add(decoder.reset().decode(ByteBuffer.wrap(bytes, start, stop - start)).toString());
            } catch (CharacterCodingException e) {
                lines.add(null);
                encoding.add(notUtf8(source, lines.size(), bytes, start, stop));
            }
            start = end + 1;
        }
        Workload parsed = parse(source, lines);
        if (encoding.isEmpty()) return parsed;
        var problems = new ArrayList<>(parsed.problems());
        problems.addAll(encoding);
        problems.sort(java.util.Comparator.comparingInt(WorkloadProblem::line));
        return new Workload(source, parsed.items(), problems);
    }

    /** Where in the line (in characters, as editors count) the first byte that is not UTF-8 stands. */
    private static WorkloadProblem notUtf8(String source, int line, byte[] bytes, int start, int stop) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(stop - start);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, stop - start);
        decoder.decode(in, chars, true); // stops at the first malformed byte
        int bad = in.position() < stop ? bytes[in.position()] & 0xFF : bytes[stop - 1] & 0xFF;
        return new WorkloadProblem(source, line, chars.position() + 1, String.format("not valid UTF-8 (byte 0x%02X)", bad));
    }

    private static boolean startsWithBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    /** Parses decoded lines (line numbers count from 1); null stands for a line already reported. */
    public Workload parse(String source, List<String> lines) {
        var items = new ArrayList<WorkloadItem>();
        var problems = new ArrayList<WorkloadProblem>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text == null || text.isBlank()) continue;
            if (i == 0 && text.charAt(0) == '\uFEFF') text = text.substring(1); // a byte-order mark read as text
            int lineNo = i + 1;
            try {
                items.add(new WorkloadItem(lineNo, parseLine(text)));
            } catch (LineException e) {
                problems.add(new WorkloadProblem(source, lineNo, e.column, e.getMessage()));
            } catch (JsonProcessingException e) {
                int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
                problems.add(new WorkloadProblem(source, lineNo, column, "invalid JSON: " + e.getOriginalMessage()));
            } catch (IOException e) {
                problems.add(new WorkloadProblem(source, lineNo, 1, "cannot parse: " + e.getMessage()));
            }
        }
        return new Workload(source, items, problems);
    }

    private ChatRequest parseLine(String text) throws IOException {
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw problem(p, "expected a JSON object {...}");
            int objectColumn = column(p);
            String prompt = null, system = null, provider = null, model = null, template = null, variant = null;
            java.util.Map<String, Object> vars = null;
            List<ChatMessage> messages = null;
            Double temperature = null, topP = null;
            Integer maxTokens = null;
            Boolean think = null;
            List<String> stop = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int fieldColumn = column(p);
                p.nextToken();
                switch (field) {
                    case "prompt" -> prompt = string(p, field);
                    case "messages" -> messages = messages(p);
                    case "system" -> system = string(p, field);
                    case "provider" -> provider = string(p, field);
                    case "model" -> model = string(p, field);
                    case "temperature" -> temperature = number(p, field);
                    case "top_p" -> topP = number(p, field);
                    case "max_tokens" -> maxTokens = integer(p, field);
                    case "stop" -> stop = stop(p);
                    case "think" -> think = bool(p, field);
                    case "template" -> template = string(p, field);
                    case "variant" -> variant = string(p, field);
                    case "vars" -> {
                        if (p.currentToken() != JsonToken.START_OBJECT) throw problem(p, "\"vars\" must be an object of variables");
                        vars = p.readValueAs(new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
                    }
                    default -> throw new LineException(fieldColumn, "unknown field '" + field
                            + "' (known: prompt, messages, system, provider, model, temperature, max_tokens, top_p, stop, think, template, variant, vars)");
                }
            }
            if (p.nextToken() != null) throw problem(p, "unexpected text after the JSON object");
            if (template != null) return templateRequest(objectColumn, template, variant, vars, prompt, system, messages, provider, model,
                    new Sampling(temperature, maxTokens, topP, stop, think));
            if (variant != null || vars != null) throw new LineException(objectColumn, "\"variant\" and \"vars\" go with \"template\"");
            if (prompt == null && messages == null) throw new LineException(objectColumn, "needs \"prompt\", \"messages\" or \"template\"");
            if (prompt != null && messages != null) throw new LineException(objectColumn, "has both \"prompt\" and \"messages\"; use one");
            var all = new ArrayList<ChatMessage>();
            if (system != null) all.add(ChatMessage.system(system));
            if (prompt != null) all.add(ChatMessage.user(prompt));
            else all.addAll(messages);
            ChatParams params;
            try {
                params = new ChatParams(temperature, maxTokens, topP, stop, null, null, think);
            } catch (IllegalArgumentException e) {
                throw new LineException(objectColumn, e.getMessage());
            }
            return new ChatRequest(provider, model, all, params, null, null, CacheMode.USE);
        }
    }

    private record Sampling(Double temperature, Integer maxTokens, Double topP, List<String> stop, Boolean think) { }

    /** A line naming a template: its {@code messages}, if any, are the conversation before the rendered turn. */
    private static ChatRequest templateRequest(int column, String template, String variant, java.util.Map<String, Object> vars,
                                               String prompt, String system, List<ChatMessage> messages, String provider, String model,
                                               Sampling sampling) {
        if (prompt != null || system != null) {
            throw new LineException(column, "\"template\" renders the prompt: drop \"prompt\"/\"system\" and pass text in \"vars\"");
        }
        ChatParams params;
        try {
            params = new ChatParams(sampling.temperature(), sampling.maxTokens(), sampling.topP(), sampling.stop(), null, null,
                    sampling.think());
        } catch (IllegalArgumentException e) {
            throw new LineException(column, e.getMessage());
        }
        var invocation = new dev.cachet.engine.chat.TemplateInvocation(template, variant, vars);
        return new ChatRequest(provider, model, messages == null ? List.of() : messages, params, null, null, CacheMode.USE, null, invocation);
    }

    private static List<ChatMessage> messages(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw problem(p, "\"messages\" must be an array of {\"role\", \"content\"}");
        int arrayColumn = column(p);
        var out = new ArrayList<ChatMessage>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = out.size();
            if (p.currentToken() != JsonToken.START_OBJECT) throw problem(p, "messages[" + index + "] must be an object");
            int messageColumn = column(p);
            ChatMessage.Role role = null;
            String content = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int fieldColumn = column(p);
                p.nextToken();
                switch (field) {
                    case "role" -> role = role(p, string(p, "messages[" + index + "].role"));
                    case "content" -> content = string(p, "messages[" + index + "].content");
                    default -> throw new LineException(fieldColumn, "unknown field 'messages[" + index + "]." + field + "' (known: role, content)");
                }
            }
            if (role == null) throw new LineException(messageColumn, "messages[" + index + "] needs a \"role\"");
            if (content == null) throw new LineException(messageColumn, "messages[" + index + "] needs a \"content\"");
            out.add(new ChatMessage(role, content));
        }
        if (out.isEmpty()) throw new LineException(arrayColumn, "\"messages\" is empty");
        return out;
    }

    private static ChatMessage.Role role(JsonParser p, String value) {
        try {
            return ChatMessage.Role.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem(p, "unknown role '" + value + "' (known: system, user, assistant, tool)");
        }
    }

    private static List<String> stop(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) return List.of(p.getText());
        if (p.currentToken() != JsonToken.START_ARRAY) throw problem(p, "\"stop\" must be a string or an array of strings");
        var out = new ArrayList<String>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(string(p, "stop[" + out.size() + "]"));
        return out;
    }

    private static String string(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw problem(p, "\"" + field + "\" must be a string, was " + describe(p));
        return p.getText();
    }

    private static Double number(JsonParser p, String field) throws IOException {
        if (!p.currentToken().isNumeric()) throw problem(p, "\"" + field + "\" must be a number, was " + describe(p));
        return p.getDoubleValue();
    }

    private static Boolean bool(JsonParser p, String field) throws IOException {
        if (!p.currentToken().isBoolean()) throw problem(p, "\"" + field + "\" must be true or false, was " + describe(p));
        return p.getBooleanValue();
    }

    private static Integer integer(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw problem(p, "\"" + field + "\" must be an integer, was " + describe(p));
        return p.getIntValue();
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + p.getText() + ")";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> t.asString();
        };
    }

    private static int column(JsonParser p) { return Math.max(1, p.currentTokenLocation().getColumnNr()); }

    private static LineException problem(JsonParser p, String message) { return new LineException(column(p), message); }

    /** A semantic error at a known column of the line. */
    private static final class LineException extends RuntimeException {
        final int column;

        LineException(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }
}
