package dev.cachet.server;

import java.util.Set;

/**
 * What a client's {@code model} field asks for: {@code provider/model} ("ollama/llama3.2"), a bare model of
 * the default provider ("sim-small"), or a prompt template {@code template:ID@variant} (variant optional).
 */
sealed interface ModelName {

    /** @param provider null = the configured default provider */
    record Direct(String provider, String model) implements ModelName { }

    /** @param variant null = the template's default variant */
    record Template(String id, String variant) implements ModelName { }

    String TEMPLATE_PREFIX = "template:";

    static ModelName parse(String text, Set<String> providerIds) throws ApiError.Problem {
        String s = text.strip();
        if (s.isEmpty()) throw ApiError.badRequest("model", "model must not be empty (GET /v1/models lists them)").asProblem();
        if (s.startsWith(TEMPLATE_PREFIX)) {
            String rest = s.substring(TEMPLATE_PREFIX.length());
            int at = rest.indexOf('@');
            String id = at < 0 ? rest : rest.substring(0, at);
            String variant = at < 0 ? null : rest.substring(at + 1);
            if (id.isBlank() || (variant != null && variant.isBlank())) {
                throw ApiError.badRequest("model", "model '" + s + "' is not template:ID or template:ID@variant").asProblem();
            }
            return new Template(id, variant);
        }
        int slash = s.indexOf('/');
        if (slash > 0 && providerIds.contains(s.substring(0, slash))) {
            return new Direct(s.substring(0, slash), s.substring(slash + 1));
        }
        return new Direct(null, s);
    }
}
