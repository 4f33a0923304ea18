package dev.cachet.engine.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bytes that are not UTF-8 spoil their own line only, named by line and column; a byte-order mark is not content. */
class WorkloadEncodingTest {

    @TempDir Path dir;

    private Workload read(byte[]... lines) throws Exception {
        var bytes = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            bytes.write(l);
            bytes.write('\n');
        }
        Path file = Files.write(dir.resolve("w.jsonl"), bytes.toByteArray());
        return new WorkloadParser().read(file.toString());
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void anInvalidByte_spoilsOnlyItsLine_namedByLineAndColumn() throws Exception {
        byte[] bad = utf8("{\"prompt\":\"caf\u00e9 X\"}");
        bad[17] = (byte) 0xFF; // the X: byte 18, but character 17 (é is two bytes)

        Workload w = read(utf8("{\"prompt\":\"one\"}"), bad, utf8("{\"prompt\":\"three \u00fcber\"}"));

        assertThat(w.items()).extracting(WorkloadItem::line).containsExactly(1, 3);
        assertThat(w.items().get(1).request().lastUserText()).isEqualTo("three \u00fcber");
        assertThat(w.problems()).hasSize(1);
        assertThat(w.problems().getFirst().toString()).isEqualTo(dir.resolve("w.jsonl") + ":2:17: not valid UTF-8 (byte 0xFF)");
    }

    @Test
    void aByteOrderMark_isNotPartOfLineOne() throws Exception {
        byte[] withBom = utf8("\uFEFF{\"prompt\":\"one\"}");

        Workload w = read(withBom, utf8("{\"prompt\":\"two\"}"));

        assertThat(w.problems()).isEmpty();
        assertThat(w.items()).hasSize(2);
        assertThat(w.items().getFirst().request().lastUserText()).isEqualTo("one");
    }

    @Test
    void windowsLineEnds_areLineEnds() throws Exception {
        Path file = Files.write(dir.resolve("crlf.jsonl"), utf8("{\"prompt\":\"one\"}\r\n{\"prompt\":\"two\"}\r\n"));

        Workload w = new WorkloadParser().read(file.toString());

        assertThat(w.problems()).isEmpty();
        assertThat(w.items()).extracting(i -> i.request().lastUserText()).containsExactly("one", "two");
    }
}
