package dev.cachet.engine.templates;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.FolderWatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRenderingTest {

    @TempDir Path dir;
    private TemplateLibrary library;

    private TemplateLibrary library(String fileName, String yaml) throws Exception {
        Files.writeString(dir.resolve(fileName), yaml);
        library = new TemplateLibrary(List.of(dir), FolderWatcher.Settings.DEFAULTS, null);
        library.load();
        return library;
    }

    @AfterEach void close() { if (library != null) library.close(); }

    private static final String RAG = """
            id: rag
            variables:
              question: {type: string, required: true}
              chunks: {type: list, required: true}
              strict: {type: boolean, default: true}
              limit: {type: number, default: 50}
            messages:
              system: |
                {% if strict %}Only use the passages.{% endif %} At most {{ limit }} words.
              examples:
                - {user: "Q: 1+1?", assistant: "2"}
              user: |
                {% for c in chunks %}
                [{{ loop.index }}] {{ c.text }}
                {% endfor %}
                Q: {{ question }}
            """;

    @Test
    void variablesConditionalsLoopsAndFewShot_renderInOrder_withoutHtmlEscaping() throws Exception {
        var r = library("rag.yaml", RAG).render(new TemplateInvocation("rag", null, Map.of(
                "question", "Is 3 < 4 & 5 > 2?",
                "chunks", List.of(Map.of("text", "<b>alpha</b>"), Map.of("text", "beta \"quoted\"")))), null);
        assertThat(r.messages(List.of())).containsExactly(
                ChatMessage.system("Only use the passages. At most 50 words."),
                ChatMessage.user("Q: 1+1?"),
                ChatMessage.assistant("2"),
                ChatMessage.user("[1] <b>alpha</b>\n[2] beta \"quoted\"\nQ: Is 3 < 4 & 5 > 2?"));
        assertThat(r.source()).isEqualTo(dir.resolve("rag.yaml").toString());
    }

    @Test
    void theConversation_goesBetweenTheFewShotTurnsAndTheRenderedUserMessage() throws Exception {
        var r = library("rag.yaml", RAG).render(new TemplateInvocation("rag", null, Map.of("question", "q", "chunks", List.of())), null);
        var history = List.of(ChatMessage.user("earlier"), ChatMessage.assistant("reply"));
        assertThat(r.messages(history)).extracting(ChatMessage::content)
                .containsExactly("Only use the passages. At most 50 words.", "Q: 1+1?", "2", "earlier", "reply", "Q: q");
    }

    @Test
    void aMissingRequiredVariable_namesTheVariableTheTemplateAndItsFile() throws Exception {
        library("rag.yaml", RAG);
        assertThatThrownBy(() -> library.render(new TemplateInvocation("rag", null, Map.of("chunks", List.of())), null))
                .isInstanceOf(TemplateException.class)
                .hasMessage("missing required variable 'question' for template 'rag' (" + dir.resolve("rag.yaml") + ")");
    }

    @Test
    void anUnknownVariable_isAWarning_andTextIsConvertedToTheDeclaredTypes() throws Exception {
        var given = new HashMap<String, Object>();
        given.put("question", "q");
        given.put("chunks", "[{\"text\": \"from json\"}]");
        given.put("strict", "false");
        given.put("limit", "7");
        given.put("qestion", "typo");
        var r = library("rag.yaml", RAG).render(new TemplateInvocation("rag", null, given), null);
        assertThat(r.leading().getFirst().content()).isEqualTo("At most 7 words.");
        assertThat(r.user().content()).startsWith("[1] from json");
        assertThat(r.warnings()).containsExactly(
                "variable 'qestion' is not declared by template 'rag' and was ignored (did you mean 'question'?)");
    }

    @Test
    void aValueThatIsNotOfTheDeclaredType_isAnErrorSayingWhatWasExpected() throws Exception {
        library("rag.yaml", RAG);
        assertThatThrownBy(() -> library.render(new TemplateInvocation("rag", null,
                Map.of("question", "q", "chunks", List.of(), "limit", "lots")), null))
                .hasMessage("variable 'limit' of template 'rag' (" + dir.resolve("rag.yaml") + "): expected a number, got 'lots'");
    }

    @Test
    void unknownTemplatesAndVariants_areNamedWithWhatExists() throws Exception {
        library("ab.yaml", """
                id: ab
                messages: {user: hi}
                variants: {A: , B: {messages: {user: hello}}}
                """);
        assertThatThrownBy(() -> library.render(new TemplateInvocation("abb", null, Map.of()), null))
                .hasMessage("no template 'abb'; did you mean 'ab'? (templates: ab)");
        assertThatThrownBy(() -> library.render(new TemplateInvocation("ab", "C", Map.of()), null))
                .hasMessageContaining("has no variant 'C' (variants: A, B)");
        assertThat(library.render(new TemplateInvocation("ab", "B", Map.of()), null).user().content()).isEqualTo("hello");
        assertThat(library.render(new TemplateInvocation("ab", null, Map.of()), null).variant()).isEqualTo("A");
    }

    @Test
    void theSplit_assignsEachSessionAStickyVariant_inProportionToTheWeights() throws Exception {
        library("split.yaml", """
                id: s
                messages: {user: hi}
                variants: {A: , B: }
                split: {A: 3, B: 1}
                """);
        int a = 0;
        for (int i = 0; i < 4000; i++) {
            String session = "session-" + i;
            String first = library.render(new TemplateInvocation("s", null, Map.of()), session).variant();
            assertThat(library.render(new TemplateInvocation("s", null, Map.of()), session).variant()).isEqualTo(first);
            if (first.equals("A")) a++;
        }
        assertThat(a / 4000.0).isBetween(0.70, 0.80);
    }

    @Test
    void aCustomFilter_registeredBeforeLoading_canBeUsedByTemplates_andAnUnknownFilterIsAnError() throws Exception {
        Files.writeString(dir.resolve("f.yaml"), """
                id: f
                variables: {name: string}
                messages: {user: "{{ name | shout }}"}
                """);
        library = new TemplateLibrary(List.of(dir), FolderWatcher.Settings.DEFAULTS, null);
        var unknown = library.read("f.yaml", Files.readString(dir.resolve("f.yaml")));
        assertThat(unknown.problems()).extracting(dev.cachet.engine.definitions.Problem::format)
                .containsExactly("f.yaml:3:19: in messages.user: uses the filter 'shout', which does not exist (a custom filter must be registered before templates load)");
        library.renderer().registerFilter(new Filter() {
            @Override public String getName() { return "shout"; }
            @Override public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return String.valueOf(var).toUpperCase() + "!";
            }
        });
        library.load();
        assertThat(library.render(new TemplateInvocation("f", null, Map.of("name", "ada")), null).user().content()).isEqualTo("ADA!");
    }

    @Test
    void theEditorsUnsavedText_canBeReadAndPreviewed_withoutServingIt() throws Exception {
        library("rag.yaml", RAG);
        var parsed = library.read("buffer", RAG.replace("Q: {{ question }}", "Question: {{ question }}"));
        var t = ((DefinitionKind.Parsed.Valid<PromptTemplate>) parsed).value();
        assertThat(library.render(t, "buffer", null, Map.of("question", "x", "chunks", List.of())).user().content())
                .isEqualTo("Question: x");
        assertThat(library.render(new TemplateInvocation("rag", null, Map.of("question", "x", "chunks", List.of())), null)
                .user().content()).isEqualTo("Q: x");
    }
}
