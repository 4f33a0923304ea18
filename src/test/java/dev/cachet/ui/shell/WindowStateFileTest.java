package dev.cachet.ui.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WindowStateFileTest {

    @TempDir Path dir;

    @Test
    void saveThenLoad_givesTheSameState() {
        var file = WindowStateFile.in(dir);
        var state = new WindowState(120, 80, 1400, 900, true, PaneId.DASHBOARD, Theme.DARK);
        file.save(state);
        assertThat(file.load()).isEqualTo(state);
    }

    @Test
    void missingFile_givesDefaults() {
        assertThat(WindowStateFile.in(dir).load()).isEqualTo(WindowState.DEFAULTS);
    }

    @Test
    void damagedValues_fallBackFieldByField() throws Exception {
        Files.writeString(dir.resolve("window.properties"), "width=abc\nheight=10\npane=nowhere\ntheme=dark\nx=5\n");
        WindowState s = WindowStateFile.in(dir).load();
        assertThat(s.width()).isEqualTo(WindowState.DEFAULTS.width());
        assertThat(s.height()).isEqualTo(WindowState.DEFAULTS.height());
        assertThat(s.pane()).isEqualTo(PaneId.CHAT);
        assertThat(s.theme()).isEqualTo(Theme.DARK);
        assertThat(s.placed()).isFalse();
    }

    @Test
    void unplacedWindow_isSavedWithoutPosition() {
        var file = WindowStateFile.in(dir);
        file.save(WindowState.DEFAULTS.withPane(PaneId.SETTINGS));
        assertThat(file.load().placed()).isFalse();
        assertThat(file.load().pane()).isEqualTo(PaneId.SETTINGS);
    }
}
