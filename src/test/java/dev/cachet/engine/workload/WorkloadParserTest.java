package dev.cachet.engine.workload;

import dev.cachet.engine.chat.ChatMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadParserTest {

    private final WorkloadParser parser = new WorkloadParser();

    private WorkloadProblem onlyProblem(String line) {
        Workload w = parser.parse("w.jsonl", List.of(line));
        assertThat(w.items()).isEmpty();
        assertThat(w.problems()).hasSize(1);
        return w.problems().getFirst();
    }

    @Test
    void prompt_becomesOneUserMessageWithParams() {
        Workload w = parser.parse("w.jsonl", List.of(
                "{\"prompt\":\"hi\",\"system\":\"be brief\",\"provider\":\"simulator\",\"model\":\"sim-large\","
                        + "\"temperature\":0.2,\"max_tokens\":64,\"top_p\":0.9,\"stop\":[\"END\"]}"));

        var r = w.items().getFirst().request();
        assertThat(r.messages()).containsExactly(ChatMessage.system("be brief"), ChatMessage.user("hi"));
        assertThat(r.provider()).isEqualTo("simulator");
        assertThat(r.model()).isEqualTo("sim-large");
        assertThat(r.params().temperature()).isEqualTo(0.2);
        assertThat(r.params().maxTokens()).isEqualTo(64);
        assertThat(r.params().topP()).isEqualTo(0.9);
        assertThat(r.params().stop()).containsExactly("END");
    }

    @Test
    void messages_keepRolesAndOrder_blankLinesSkipped() {
        Workload w = parser.parse("w.jsonl", List.of("", "  ",
                "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"User\",\"content\":\"u\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}],\"stop\":\"x\"}"));

        assertThat(w.problems()).isEmpty();
        assertThat(w.items().getFirst().line()).isEqualTo(3);
        assertThat(w.items().getFirst().request().messages()).extracting(ChatMessage::role)
                .containsExactly(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT);
        assertThat(w.items().getFirst().request().params().stop()).containsExactly("x");
    }

    @Test
    void invalidJson_namesLineAndColumn() {
        WorkloadProblem p = onlyProblem("{\"prompt\": \"hi\",, }");
        assertThat(p.toString()).startsWith("w.jsonl:1:17: invalid JSON");
    }

    @Test
    void unknownRole_isNamedAtItsColumn() {
        WorkloadProblem p = onlyProblem("{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}");
        assertThat(p.toString()).isEqualTo("w.jsonl:1:22: unknown role 'wizard' (known: system, user, assistant, tool)");
    }

    @Test
    void missingPromptAndMessages_isNamed() {
        assertThat(onlyProblem("{\"model\":\"sim-small\"}").toString())
                .isEqualTo("w.jsonl:1:1: needs \"prompt\", \"messages\" or \"template\"");
    }

    @Test
    void wrongTypes_areNamed() {
        assertThat(onlyProblem("{\"prompt\":42}").message()).isEqualTo("\"prompt\" must be a string, was a number (42)");
        assertThat(onlyProblem("{\"prompt\":\"x\",\"temperature\":\"hot\"}").message())
                .isEqualTo("\"temperature\" must be a number, was a string");
        assertThat(onlyProblem("{\"prompt\":\"x\",\"max_tokens\":1.5}").message())
                .isEqualTo("\"max_tokens\" must be an integer, was a number (1.5)");
        assertThat(onlyProblem("{\"messages\":\"hi\"}").message()).startsWith("\"messages\" must be an array");
        assertThat(onlyProblem("[1]").message()).isEqualTo("expected a JSON object {...}");
        assertThat(onlyProblem("{\"messages\":[{\"role\":\"user\"}]}").message()).isEqualTo("messages[0] needs a \"content\"");
    }

    @Test
    void outOfRangeParams_andUnknownFields_areNamed() {
        assertThat(onlyProblem("{\"prompt\":\"x\",\"temperature\":3}").message()).contains("temperature must be within 0..2");
        assertThat(onlyProblem("{\"promt\":\"x\"}").toString()).startsWith("w.jsonl:1:2: unknown field 'promt'");
    }

    @Test
    void aTemplateLine_carriesItsVariantAndVariables_andEarlierMessagesAsTheConversation() {
        Workload w = parser.parse("w.jsonl", List.of(
                "{\"template\":\"rag-answer\",\"variant\":\"B\",\"vars\":{\"question\":\"q\",\"passages\":[{\"text\":\"t\"}]},\"temperature\":0}",
                "{\"template\":\"t\",\"messages\":[{\"role\":\"user\",\"content\":\"earlier\"}]}"));
        assertThat(w.problems()).isEmpty();
        var first = w.items().getFirst().request();
        assertThat(first.invocation().id()).isEqualTo("rag-answer");
        assertThat(first.invocation().variant()).isEqualTo("B");
        assertThat(first.invocation().variables()).containsEntry("question", "q")
                .containsEntry("passages", List.of(java.util.Map.of("text", "t")));
        assertThat(first.messages()).isEmpty();
        assertThat(first.params().temperature()).isEqualTo(0.0);
        assertThat(w.items().get(1).request().messages()).extracting(m -> m.content()).containsExactly("earlier");
    }

    @Test
    void templateLines_rejectAPromptOfTheirOwn_andVarsThatAreNotAnObject() {
        assertThat(onlyProblem("{\"template\":\"t\",\"prompt\":\"x\"}").message()).startsWith("\"template\" renders the prompt");
        assertThat(onlyProblem("{\"template\":\"t\",\"vars\":[1]}").toString()).isEqualTo("w.jsonl:1:24: \"vars\" must be an object of variables");
        assertThat(onlyProblem("{\"prompt\":\"x\",\"variant\":\"B\"}").message()).isEqualTo("\"variant\" and \"vars\" go with \"template\"");
    }

    @Test
    void malformedLine_doesNotStopTheRest() {
        Workload w = parser.parse("w.jsonl", List.of("{\"prompt\":\"a\"}", "{oops", "{\"prompt\":\"b\"}"));
        assertThat(w.items()).extracting(WorkloadItem::line).containsExactly(1, 3);
        assertThat(w.problems()).extracting(WorkloadProblem::line).containsExactly(2);
    }

    @Test
    void builtinDemo_parsesCleanly() throws IOException {
        Workload w = parser.read("builtin:demo");
        assertThat(w.problems()).isEmpty();
        assertThat(w.items()).hasSizeGreaterThan(100);
    }

    @Test
    void unreadableFile_failsNamingIt(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> parser.read(dir.resolve("nope.jsonl").toString())).hasMessageContaining("nope.jsonl: no such file");
        assertThatThrownBy(() -> parser.read("builtin:nope")).hasMessage("builtin:nope: no such built-in workload (try builtin:demo)");
        Path binary = Files.write(dir.resolve("bin.jsonl"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThatThrownBy(() -> parser.read(binary.toString()))
                .hasMessageContaining("bin.jsonl: UTF-16 text (byte-order mark FF FE): save it as UTF-8");
    }
}
