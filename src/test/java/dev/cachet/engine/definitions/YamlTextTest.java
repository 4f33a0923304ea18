package dev.cachet.engine.definitions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YamlTextTest {

    @Test
    void nodesKnowTheirLineAndColumn_andBlocksAreMarked() {
        var problems = new ProblemList("t.yaml");
        var root = (YamlNode.Mapping) YamlText.parse("""
                id: x
                messages:
                  system: |
                    line one
                  user: "hi"
                n: 0.5
                """, problems);
        assertThat(problems.list()).isEmpty();
        assertThat(root.fields().get("messages").keyAt()).isEqualTo(new Location(2, 1));
        var messages = (YamlNode.Mapping) root.get("messages");
        var system = (YamlNode.Scalar) messages.get("system");
        assertThat(system.at()).isEqualTo(new Location(3, 11));
        assertThat(system.block()).isTrue();
        assertThat(((YamlNode.Scalar) messages.get("user")).block()).isFalse();
        assertThat(((YamlNode.Scalar) root.get("n")).value()).isEqualTo(0.5);
    }

    @Test
    void aSyntaxError_isOneProblemAtItsPlace_withTheSentenceNotTheCaretDrawing() {
        var problems = new ProblemList("bad.yaml");
        assertThat(YamlText.parse("a: 1\n  b: 2\n", problems)).isNull();
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.format()).startsWith("bad.yaml:2:4: YAML syntax: mapping values are not allowed here");
            assertThat(p.message()).doesNotContain("^").doesNotContain("\n");
        });
    }

    @Test
    void aDuplicateKey_namesTheLineOfTheFirst() {
        var problems = new ProblemList("d.yaml");
        YamlText.parse("id: a\ntext: b\nid: c\n", problems);
        assertThat(problems.list()).extracting(Problem::format)
                .containsExactly("d.yaml:3:1: duplicate key 'id' (first at line 1); a key may appear once in a mapping");
    }

    @Test
    void theHash_ignoresCommentsQuotingAndKeyOrder_butNotContent() {
        var p = new ProblemList("x");
        String a = YamlText.hash(YamlText.parse("id: x\ntext: hello\n", p), 12);
        String b = YamlText.hash(YamlText.parse("# a comment\ntext: 'hello'\nid:   x\n", p), 12);
        String c = YamlText.hash(YamlText.parse("id: x\ntext: hello!\n", p), 12);
        assertThat(a).hasSize(12).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void theFieldReader_suggestsTheClosestKnownName_andSaysWhatTypeItFound() {
        var problems = new ProblemList("f.yaml");
        var root = YamlText.parse("idd: x\ntemperature: hot\ncount: 3.5\n", problems);
        var f = FieldReader.root(root, problems, "a test");
        f.only("id", "temperature", "count");
        f.number("temperature", 0, 2);
        f.integer("count", 0, 10);
        assertThat(problems.list()).extracting(Problem::format).containsExactly(
                "f.yaml:1:1: unknown field 'idd' (did you mean 'id'?)",
                "f.yaml:2:14: field 'temperature': expected a number from 0 to 2, found text",
                "f.yaml:3:8: field 'count': expected a whole number from 0 to 10, found a number (3.5)");
    }

    @Test
    void anUnknownFieldFarFromAnyKnownOne_listsTheKnownOnes() {
        var problems = new ProblemList("f.yaml");
        var f = FieldReader.root(YamlText.parse("zebra: 1\n", problems), problems, "a test");
        f.only("id", "text");
        assertThat(problems.list().getFirst().message()).isEqualTo("unknown field 'zebra' (known: id, text)");
    }
}
