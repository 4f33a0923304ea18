package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.definitions.DefinitionSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The templates in prompts/: each validates without a warning and renders what the product needs from it. */
class ShippedTemplatesTest {

    static TemplateLibrary library;
    static DefinitionSet<PromptTemplate> set;

    @BeforeAll static void load() {
        library = new TemplateLibrary(List.of(Path.of("prompts")), dev.cachet.engine.definitions.FolderWatcher.Settings.DEFAULTS, null);
        set = library.load();
    }

    @AfterAll static void close() { library.close(); }

    private static RenderedPrompt render(String id, String variant, Map<String, Object> vars) throws TemplateException {
        return library.render(new TemplateInvocation(id, variant, vars), null);
    }

    @Test
    void everyShippedTemplate_isValid_withoutWarnings() {
        assertThat(set.problems()).isEmpty();
        assertThat(set.builtIn()).isFalse();
        assertThat(set.byId()).containsOnlyKeys("general-assistant", "rag-answer", "sql-generator", "route-classifier",
                "summarizer", "json-extractor", "llm-rubric-judge", "ticket-triage");
    }

    @Test
    void everyTemplate_rendersEveryVariant_withItsDeclaredExamples() throws TemplateException {
        for (PromptTemplate t : set.values()) {
            Map<String, Object> examples = new java.util.HashMap<>();
            t.variables().values().forEach(v -> { if (v.example() != null) examples.put(v.name(), v.example()); });
            for (String variant : t.variantNames()) {
                var r = render(t.id(), variant, examples);
                assertThat(r.user().content()).as(t.id() + " " + variant).isNotBlank().doesNotContain("{{").doesNotContain("{%");
                assertThat(r.warnings()).isEmpty();
            }
        }
    }

    @Test
    void generalAssistant_hasTwoVariantsSplitEvenly_andBAsksForBullets() throws TemplateException {
        var b = render("general-assistant", "B", Map.of("question", "What is TTL?"));
        assertThat(b.leading().getFirst().content()).contains("at most three bullet points").contains("under 150 words");
        assertThat(b.user().content()).isEqualTo("What is TTL?");
        assertThat(set.get("general-assistant").orElseThrow().value().split()).containsOnlyKeys("A", "B");
    }

    @Test
    void ragAnswer_numbersThePassages_andAsksForCitations() throws TemplateException {
        var r = render("rag-answer", null, Map.of("question", "How long?", "passages",
                List.of(Map.of("title", "TTL", "text", "Seven days.", "url", "https://docs/ttl"), Map.of("title", "Other", "text", "No."))));
        assertThat(r.user().content()).isEqualTo("""
                Passages:
                [1] TTL: Seven days. (https://docs/ttl)
                [2] Other: No.

                Question: How long?""");
        assertThat(r.leading().getFirst().content()).contains("cite it as [n]").contains("The passages do not say.");
        assertThat(r.template().cache().semantic()).isFalse();
    }

    @Test
    void sqlGenerator_listsTheSchema_andAsksForOneReadOnlySelect() throws TemplateException {
        var r = render("sql-generator", null, Map.of("question", "How many orders?", "tables",
                List.of(Map.of("name", "orders", "columns", List.of("id", "total")))));
        assertThat(r.user().content()).contains("orders(id, total)").contains("Question: How many orders?").doesNotContain("previous query");
        assertThat(r.leading().getFirst().content()).contains("single SQLite SELECT").contains("LIMIT 100").contains("read only");
        assertThat(r.params().temperature()).isEqualTo(0.0);
        var retry = render("sql-generator", null, Map.of("question", "q", "tables", List.of(), "error", "no such column: totl"));
        assertThat(retry.user().content()).contains("The previous query failed with: no such column: totl");
    }

    @Test
    void routeClassifier_isShort_andListsTheRoutes() throws TemplateException {
        var r = render("route-classifier", null, Map.of("question", "hello there", "routes",
                List.of(Map.of("name", "greeting", "description", "small talk"), Map.of("name", "data", "description", "SQL"))));
        assertThat(r.leading().getFirst().content()).contains("- greeting: small talk\n- data: SQL");
        assertThat(r.leading()).extracting(ChatMessage::role).containsExactly(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT);
        assertThat(r.params().maxTokens()).isLessThanOrEqualTo(8);
        assertThat(r.params().temperature()).isEqualTo(0.0);
    }

    @Test
    void summarizer_switchesToBullets_andAddsAFocusOnlyWhenGiven() throws TemplateException {
        var plain = render("summarizer", null, Map.of("text", "Some text."));
        assertThat(plain.user().content()).startsWith("Summarize the text below in at most 80 words.").doesNotContain("Focus");
        var bullets = render("summarizer", null, Map.of("text", "Some text.", "bullets", true, "focus", "costs", "max_words", 30));
        assertThat(bullets.user().content()).startsWith("Summarize the text below in at most 30 words, as bullet points.")
                .contains("Focus on: costs.");
    }

    @Test
    void jsonExtractor_asksForAJsonObject_withTheListedKeys() throws TemplateException {
        var r = render("json-extractor", null, Map.of("text", "Order #1", "fields",
                List.of(Map.of("name", "order_id", "type", "string", "description", "the number"))));
        assertThat(r.params().responseFormat()).isEqualTo("json_object");
        assertThat(r.user().content()).contains("- order_id (string): the number").endsWith("Text:\nOrder #1");
    }
}
