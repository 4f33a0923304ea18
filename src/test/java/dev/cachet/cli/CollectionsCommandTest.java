package dev.cachet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** collections add / ingest / list and retrieve as a user runs them. */
class CollectionsCommandTest {

    @TempDir Path dir;

    private CliRun run(String... args) {
        var all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.resolve("data").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(all);
    }

    @Test
    void addIngestListRetrieve_andTheCacheDecision() throws Exception {
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("ports.md"), "# Ports\n\nThe relay listens on port 7421 by default.\n");
        Files.writeString(docs.resolve("backups.txt"), "Backups are written every night at two in the morning.\n");
        Files.writeString(docs.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog\ntruncated");

        assertThat(run("collections", "add", "manual", docs.toString()).exitCode()).isZero();
        CliRun ingest = run("collections", "ingest", "manual");
        assertThat(ingest.exitCode()).as("a file could not be read").isEqualTo(1);
        assertThat(ingest.out()).contains("manual: 2 added, 0 changed, 0 unchanged, 0 removed, 1 failed")
                .contains("skipped " + docs.resolve("broken.pdf").toAbsolutePath() + ": cannot parse PDF");
        assertThat(ingest.err()).as("progress only on a terminal").doesNotContain("3/3 files");

        CliRun list = run("collections", "list");
        assertThat(list.out()).containsPattern("manual\\s+2\\s+2\\s+.*\\s1\\s").contains("! " + docs.resolve("broken.pdf").toAbsolutePath());

        CliRun first = run("retrieve", "manual", "Which port does the relay use?", "--top-k", "1");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("[1] ").contains("ports.md").contains("7421").contains("cache miss");
        CliRun second = run("retrieve", "manual", "which port does the relay use", "--top-k", "1");
        assertThat(second.out()).contains("cache hit (database)");
    }

    @Test
    void unknownCollection_andMissingPath_exitTwo() {
        CliRun r = run("retrieve", "nope", "anything");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown collection 'nope'");
        CliRun add = run("collections", "add", "x", dir.resolve("missing").toString());
        assertThat(add.exitCode()).isEqualTo(2);
        assertThat(add.err()).contains("no such file or folder");
    }
}
