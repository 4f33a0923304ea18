package dev.cachet.engine.cache;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TemplateRef;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CacheKeyFieldsTest {

    static CacheKeyFields fields() {
        return new CacheKeyFields("simulator", "sim-small",
                List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"), ChatMessage.assistant("hello"), ChatMessage.user("why?")),
                0.7, 200, 1.0, List.of("END"), List.of("{\"name\":\"lookup\"}"), "json_object", "faq", "v1");
    }

    static Stream<Arguments> everyFieldChangesTheKey() {
        Map<String, UnaryOperator<CacheKeyFields>> changes = new java.util.LinkedHashMap<>();
        changes.put("provider", f -> new CacheKeyFields("ollama", f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("model", f -> new CacheKeyFields(f.provider(), "sim-large", f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("system prompt", f -> with(f, List.of(ChatMessage.system("be long"), ChatMessage.user("hi"), ChatMessage.assistant("hello"), ChatMessage.user("why?"))));
        changes.put("history", f -> with(f, List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"), ChatMessage.assistant("hey"), ChatMessage.user("why?"))));
        changes.put("last message", f -> with(f, List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"), ChatMessage.assistant("hello"), ChatMessage.user("why not?"))));
        changes.put("role", f -> with(f, List.of(ChatMessage.user("be brief"), ChatMessage.user("hi"), ChatMessage.assistant("hello"), ChatMessage.user("why?"))));
        changes.put("message boundary", f -> with(f, List.of(ChatMessage.system("be brief"), ChatMessage.user("hihello"), ChatMessage.assistant(""), ChatMessage.user("why?"))));
        changes.put("temperature", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), 0.0, f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("max_tokens", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), 201, f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("max_tokens omitted", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), null, f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("top_p", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), 0.9, f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("stop", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), List.of("END", "STOP"), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("tools", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), List.of(), f.responseFormat(), f.templateId(), f.templateVersion()));
        changes.put("response format", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), null, f.templateId(), f.templateVersion()));
        changes.put("think", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion(), true));
        changes.put("think off", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion(), false));
        changes.put("template id", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), "other", f.templateVersion()));
        changes.put("template version", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), "v2"));
        changes.put("seed", f -> new CacheKeyFields(f.provider(), f.model(), f.messages(), f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion(), null, null, 7L));
        return changes.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static CacheKeyFields with(CacheKeyFields f, List<ChatMessage> messages) {
        return new CacheKeyFields(f.provider(), f.model(), messages, f.temperature(), f.maxTokens(), f.topP(), f.stop(), f.tools(), f.responseFormat(), f.templateId(), f.templateVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void everyFieldChangesTheKey(String field, UnaryOperator<CacheKeyFields> change) {
        assertThat(change.apply(fields()).key()).isNotEqualTo(fields().key());
    }

    @Test void key_isStable_andHex() {
        assertThat(fields().key()).isEqualTo(fields().key());
        assertThat(fields().key().hex()).matches("[0-9a-f]{64}");
    }

    private final SimulatorProvider simulator = new SimulatorProvider(SimulatorSettings.DEFAULTS);
    private final ProviderRegistry registry = new ProviderRegistry(List.of(new ProviderRegistry.Entry(simulator, "sim-small",
            Map.of("small", "sim-small"), List.of("sim-small", "sim-large"))), "simulator");

    private CacheKey keyOf(ChatRequest request) throws Exception {
        return CacheKeyFields.of(request, registry.resolve(request.provider(), request.model())).key();
    }

    @Test void omittedTemperatureAndTopP_equalTheProviderDefaults() throws Exception {
        var omitted = ChatRequest.ofPrompt("hi").withTarget("simulator", "sim-small");
        var explicit = omitted.withParams(new ChatParams(simulator.defaultTemperature(), null, simulator.defaultTopP(), null, null, null));
        var other = omitted.withParams(new ChatParams(0.2, null, null, null, null, null));
        assertThat(keyOf(omitted)).isEqualTo(keyOf(explicit));
        assertThat(keyOf(omitted)).isNotEqualTo(keyOf(other));
    }

    @Test void aliasesAndDefaults_areResolvedBeforeKeying() throws Exception {
        var byName = ChatRequest.ofPrompt("hi").withTarget("simulator", "sim-small");
        assertThat(keyOf(ChatRequest.ofPrompt("hi").withTarget("simulator", "small"))).isEqualTo(keyOf(byName));
        assertThat(keyOf(ChatRequest.ofPrompt("hi"))).isEqualTo(keyOf(byName));
    }

    @Test void sessionAndCacheMode_doNotChangeTheKey() throws Exception {
        var base = ChatRequest.ofPrompt("hi");
        var other = new ChatRequest(null, null, base.messages(), base.params(), null, "session-42", CacheMode.REFRESH);
        assertThat(keyOf(other)).isEqualTo(keyOf(base));
        var templated = new ChatRequest(null, null, base.messages(), base.params(), new TemplateRef("faq", "v1"), null, null);
        assertThat(keyOf(templated)).isNotEqualTo(keyOf(base));
    }

    /** The key hashes the canonical bytes as they are produced: it must equal hashing the array. */
    @Test void key_isTheSha256OfTheCanonicalBytes() throws Exception {
        var f = fields();
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(f.canonicalBytes());
        assertThat(f.key().hex()).isEqualTo(java.util.HexFormat.of().formatHex(expected));
    }

    /** Keys stored by earlier builds stay valid: the key of a known request is pinned (computed by the first release). */
    @Test void key_ofAKnownRequest_isPinned() {
        assertThat(fields().key().hex()).isEqualTo("55d3981fa90091721963ae8c83b54c268b0ab54b3d292b295e93928a18b79549");
    }
}
