package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.ReadOnlyFile;
import dev.cachet.ui.TestEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class EngineStartTest {

    @TempDir Path dir;

    private EngineOptions options(Path data) {
        var config = CachetConfig.defaults().withSimulator(TestEngines.FAST).withDefaultProvider("simulator");
        return new EngineOptions(data, config, false, InstantSource.system());
    }

    @Test void aUsableDatabase_opensAsUsual_withNoProblems() {
        try (var start = EngineStart.open(options(dir), Engine::openDeferred)) {
            assertThat(start.problems()).isEmpty();
            assertThat(start.temporaryDataDir()).isNull();
            assertThat(start.engine().dataDir()).isEqualTo(dir);
        }
    }

    @Test void aReadOnlyDatabase_opensATemporaryOne_reportsTheProblem_andDeletesItAtClose() throws Exception {
        Path db;
        try (var open = Database.open(dir, InstantSource.system())) {
            db = open.file();
        }
        long sizeBefore = Files.size(db);
        Path temporary;
        try (var readOnly = ReadOnlyFile.of(db); var start = EngineStart.open(options(dir), Engine::openDeferred)) {
            temporary = start.temporaryDataDir();
            assertThat(temporary).isNotNull().isNotEqualTo(dir);
            assertThat(start.engine().dataDir()).isEqualTo(temporary);
            assertThat(start.problems()).singleElement().satisfies(p -> {
                assertThat(p.title()).isEqualTo("The database cannot be used");
                assertThat(p.problem()).contains(db + " is read-only");
                assertThat(p.whatToDo()).contains("temporary database").contains("not kept");
            });
            ChatResult answer = start.engine().pipeline().execute(ChatRequest.ofPrompt("still works?"), t -> { }, new Cancellation());
            assertThat(answer).isInstanceOf(ChatResult.Answered.class);
        }
        assertThat(temporary).doesNotExist();
        assertThat(Files.size(db)).isEqualTo(sizeBefore);
    }
}
