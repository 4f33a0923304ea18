package dev.cachet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cachet templates list | check | render} and {@code cachet chat --template}, run as the command line runs them. */
class TemplatesCommandTest {

    @TempDir Path dir;
    @RegisterExtension final StdStreams std = new StdStreams();

    private int run(String... args) { return std.run(args); }
    private String out() { return std.out(); }
    private String err() { return std.err(); }

    @Test
    void check_passesOnWhatShips() {
        assertThat(run("templates", "check", "prompts")).isZero();
        assertThat(out()).isEmpty();
        assertThat(err()).contains("8 template files checked: 8 valid, 0 with errors, 0 warnings");
    }

    @Test
    void check_printsOneFileLineColumnLinePerProblem_andExits2() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad.resolve("nested"));
        Files.writeString(bad.resolve("syntax.yaml"), "id: s\nmessages:\n  user: [unclosed\n");
        Files.writeString(bad.resolve("a.yaml"), "id: t\nmessages: {user: hi}\nparams: {temprature: 1}\n");
        Files.writeString(bad.resolve("nested/dup.yaml"), "id: fine\nmessages: {user: hello}\n");
        Files.writeString(bad.resolve("ok.yaml"), "id: fine\nmessages: {user: hi}\n");
        assertThat(run("templates", "check", bad.toString())).isEqualTo(2);
        assertThat(out().lines().toList()).containsExactly(
                bad.resolve("a.yaml") + ":3:10: unknown field 'temprature' in params (did you mean 'temperature'?)",
                bad.resolve("nested/dup.yaml") + ":1:5: warning: template id 'fine' is also defined in " + bad.resolve("ok.yaml") + ", which is ignored",
                bad.resolve("ok.yaml") + ":1:5: duplicate template id 'fine': " + bad.resolve("nested/dup.yaml")
                        + ":1:5 defines it too and is the one used; ids are unique across all folders",
                bad.resolve("syntax.yaml") + ":3:18: YAML syntax: while parsing a flow sequence: expected ',' or ']', but got <stream end>");
        assertThat(err()).contains("4 template files checked: 1 valid, 3 with errors, 1 warning");
    }

    @Test
    void check_ofAFolderThatIsNotThere_isBadUsage() {
        assertThat(run("templates", "check", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err()).contains("no such folder");
    }

    @Test
    void list_showsEachTemplateWithVersionVariantsAndFile() {
        assertThat(run("--data-dir", dir.toString(), "templates", "list")).isZero();
        assertThat(out()).contains("general-assistant").contains("A,B").contains("prompts/rag/answer-with-citations.yaml")
                .contains("question*").contains("8 serving");
    }

    @Test
    void render_printsTheMessages_andAMissingVariableIsBadInput() {
        assertThat(run("--data-dir", dir.toString(), "templates", "render", "general-assistant", "--variant", "B",
                "--var", "question=What is a TTL?", "--var", "max_words=40")).isZero();
        assertThat(out()).contains("variant B (asked for)").contains("temperature 0.3").contains("under 40 words")
                .contains("USER:\nWhat is a TTL?");
        assertThat(run("--data-dir", dir.toString(), "templates", "render", "general-assistant")).isEqualTo(2);
        assertThat(err()).contains("error: missing required variable 'question' for template 'general-assistant' (prompts/general-assistant.yaml)");
    }

    @Test
    void render_readsVariablesFromAJsonFile_andNamesWhereTheFileIsMalformed() throws Exception {
        Path vars = dir.resolve("vars.json");
        Files.writeString(vars, "{\"question\": \"q\", \"passages\": [{\"title\": \"T\", \"text\": \"body\"}]}");
        assertThat(run("--data-dir", dir.toString(), "templates", "render", "rag-answer", "--vars-file", vars.toString())).isZero();
        assertThat(out()).contains("[1] T: body");
        Files.writeString(vars, "{\"question\": \n oops}");
        assertThat(run("--data-dir", dir.toString(), "templates", "render", "rag-answer", "--vars-file", vars.toString())).isEqualTo(2);
        assertThat(err()).contains(vars + ":2:");
    }

    @Test
    void chat_withATemplate_rendersItThroughThePipeline() throws Exception {
        Files.writeString(dir.resolve("cachet.yaml"), "defaultProvider: simulator\nsimulator: {timeToFirstToken: 0ms, tokensPerSecond: 0}\n");
        assertThat(run("--data-dir", dir.toString(), "chat", "--template", "general-assistant", "--variant", "B",
                "--var", "question=Why cache?")).isZero();
        assertThat(out()).startsWith("[simulated answer] Re: \"Why cache?\"").contains("render     rendered")
                .contains("general-assistant@").contains("variant B (asked for)");
        assertThat(run("--data-dir", dir.toString(), "chat", "free text", "--template", "general-assistant")).isEqualTo(2);
        assertThat(err()).contains("give the message TEXT or --template, not both");
        assertThat(run("--data-dir", dir.toString(), "chat", "--template", "general-assistant")).isEqualTo(2);
        assertThat(err()).contains("missing required variable 'question'");
    }
}
