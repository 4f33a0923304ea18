package dev.cachet.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code POST /v1/chat/completions} body, checked field by field: every problem names the field
 * ("messages[1].role: unknown role 'wizard'"). Fields OpenAI clients send that change nothing here
 * (user, seed, logprobs, ...) are accepted and ignored.
 *
 * @param model        what the client asked for, as it asked
 * @param request      the pipeline request (provider and model still as named: resolve decides)
 * @param includeUsage {@code stream_options.include_usage}: a last chunk carries the token counts
 */
record ChatCompletionRequest(String model, ModelName target, ChatRequest request, boolean stream, boolean includeUsage) {

    static ChatCompletionRequest parse(JsonNode body, Set<String> providerIds, CacheMode cacheMode) throws ApiError.Problem {
        if (body == null || !body.isObject()) throw ApiError.badRequest(null, "the body must be a JSON object").asProblem();
        String model = text(body, "model", true);
        ModelName target = ModelName.parse(model, providerIds);
        List<ChatMessage> messages = messages(body.get("messages"));
        ChatParams params;
        try {
            params = new ChatParams(number(body, "temperature"), maxTokens(body), number(body, "top_p"), stop(body.get("stop")),
                    tools(body.get("tools")), responseFormat(body.get("response_format")));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(fieldOf(e.getMessage()), e.getMessage()).asProblem();
        }
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.asInt() == 1)) {
            throw ApiError.badRequest("n", "n: only 1 choice per request is supported, was " + n).asProblem();
        }
        boolean stream = bool(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean usage = options != null && options.isObject() && bool(options, "include_usage");
        var direct = target instanceof ModelName.Direct d ? d : new ModelName.Direct(null, null);
        var request = new ChatRequest(direct.provider(), direct.model(), messages, params, null, null, cacheMode);
        return new ChatCompletionRequest(model, target, request, stream, usage);
    }

    private static String fieldOf(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.startsWith("temperature")) return "temperature";
        if (m.startsWith("maxtokens")) return "max_tokens";
        if (m.startsWith("topp")) return "top_p";
        return null;
    }

    private static List<ChatMessage> messages(JsonNode list) throws ApiError.Problem {
        if (list == null || list.isNull()) throw ApiError.badRequest("messages", "messages is required").asProblem();
        if (!list.isArray()) throw ApiError.badRequest("messages", "messages must be an array of {role, content}").asProblem();
        if (list.isEmpty()) throw ApiError.badRequest("messages", "messages must not be empty").asProblem();
        var out = new ArrayList<ChatMessage>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject()) throw ApiError.badRequest(at, at + " must be an object {role, content}").asProblem();
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) throw ApiError.badRequest(at + ".role", at + ".role is required (system, user, assistant, tool)").asProblem();
            ChatMessage.Role r = switch (role.asText()) {
                case "system", "developer" -> ChatMessage.Role.SYSTEM;
                case "user" -> ChatMessage.Role.USER;
                case "assistant" -> ChatMessage.Role.ASSISTANT;
                case "tool" -> ChatMessage.Role.TOOL;
                default -> throw ApiError.badRequest(at + ".role", at + ".role: unknown role '" + role.asText()
                        + "' (known: system, developer, user, assistant, tool)").asProblem();
            };
            out.add(new ChatMessage(r, content(m, at, r)));
        }
        return out;
    }

    /** A string, an array of text parts, or null (an assistant turn that only called tools). */
    private static String content(JsonNode m, String at, ChatMessage.Role role) throws ApiError.Problem {
        JsonNode c = m.get("content");
        if (c == null || c.isNull()) {
            if (role == ChatMessage.Role.ASSISTANT && m.has("tool_calls")) return m.get("tool_calls").toString();
            throw ApiError.badRequest(at + ".content", at + ".content is required").asProblem();
        }
        if (c.isTextual()) return c.asText();
        if (!c.isArray()) throw ApiError.badRequest(at + ".content", at + ".content must be a string or an array of content parts").asProblem();
        var text = new StringBuilder();
        for (int j = 0; j < c.size(); j++) {
            JsonNode part = c.get(j);
            String type = part.path("type").asText("");
            if (!type.equals("text") || !part.path("text").isTextual()) {
                throw ApiError.badRequest(at + ".content[" + j + "]", at + ".content[" + j + "]: only text parts are supported, was type '"
                        + type + "'").asProblem();
            }
            if (!text.isEmpty()) text.append('\n');
            text.append(part.get("text").asText());
        }
        return text.toString();
    }

    private static Integer maxTokens(JsonNode body) throws ApiError.Problem {
        Double completion = number(body, "max_completion_tokens");
        Double legacy = number(body, "max_tokens");
        Double v = completion != null ? completion : legacy;
        if (v == null) return null;
        String field = completion != null ? "max_completion_tokens" : "max_tokens";
        if (v != Math.rint(v) || v < 1) throw ApiError.badRequest(field, field + " must be a positive integer, was " + v).asProblem();
        return v.intValue();
    }

    private static List<String> stop(JsonNode s) throws ApiError.Problem {
        if (s == null || s.isNull()) return List.of();
        if (s.isTextual()) return List.of(s.asText());
        if (s.isArray()) {
            var out = new ArrayList<String>();
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).isTextual()) throw ApiError.badRequest("stop[" + i + "]", "stop[" + i + "] must be a string").asProblem();
                out.add(s.get(i).asText());
            }
            return out;
        }
        throw ApiError.badRequest("stop", "stop must be a string or an array of strings").asProblem();
    }

    private static List<String> tools(JsonNode t) throws ApiError.Problem {
        if (t == null || t.isNull()) return List.of();
        if (!t.isArray()) throw ApiError.badRequest("tools", "tools must be an array of tool definitions").asProblem();
        var out = new ArrayList<String>();
        for (JsonNode tool : t) out.add(tool.toString());
        return out;
    }

    private static String responseFormat(JsonNode f) throws ApiError.Problem {
        if (f == null || f.isNull()) return null;
        if (!f.isObject() || !f.path("type").isTextual()) {
            throw ApiError.badRequest("response_format", "response_format must be {\"type\": \"text\" | \"json_object\" | \"json_schema\"}").asProblem();
        }
        return switch (f.get("type").asText()) {
            case "text" -> null;
            case "json_object" -> "json_object";
            case "json_schema" -> f.path("json_schema").toString();
            default -> throw ApiError.badRequest("response_format.type", "response_format.type: unknown type '" + f.get("type").asText()
                    + "' (text, json_object, json_schema)").asProblem();
        };
    }

    static String text(JsonNode body, String field, boolean required) throws ApiError.Problem {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiError.badRequest(field, field + " is required").asProblem();
            return null;
        }
        if (!v.isTextual()) throw ApiError.badRequest(field, field + " must be a string, was " + v.getNodeType().name().toLowerCase(Locale.ROOT)).asProblem();
        return v.asText();
    }

    static Double number(JsonNode body, String field) throws ApiError.Problem {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw ApiError.badRequest(field, field + " must be a number, was " + v).asProblem();
        return v.asDouble();
    }

    private static boolean bool(JsonNode body, String field) throws ApiError.Problem {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw ApiError.badRequest(field, field + " must be true or false, was " + v).asProblem();
        return v.asBoolean();
    }
}
