package dev.cachet.engine.config;

import dev.cachet.engine.definitions.FolderWatcher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code templates:} block of cachet.yaml. */
class TemplateSettingsConfigTest {

    private final ConfigFile file = new ConfigFile();

    @Test
    void foldersAndWatching_areRead_andTheRestKeepsItsDefaults() throws Exception {
        CachetConfig c = file.parse("templates: {folders: [prompts, /srv/team-prompts], watch: poll, pollInterval: 2s}\n", "cachet.yaml");
        assertThat(c.templates().folders()).containsExactly("prompts", "/srv/team-prompts");
        assertThat(c.templates().watchSettings()).isEqualTo(new FolderWatcher.Settings(FolderWatcher.Mode.POLL,
                Duration.ofMillis(100), Duration.ofSeconds(2)));
        assertThat(c.simulator()).isEqualTo(CachetConfig.defaults().simulator());
    }

    @Test
    void noTemplatesBlock_meansTheDefaults() throws Exception {
        assertThat(file.parse("defaultProvider: simulator\n", "cachet.yaml").templates()).isEqualTo(TemplateSettings.DEFAULTS);
    }

    @Test
    void mistakes_nameTheFileLineAndField() {
        assertThatThrownBy(() -> file.parse("templates:\n  folder: [x]\n", "cachet.yaml"))
                .hasMessageStartingWith("cachet.yaml:2:3: field templates.folder: unknown field 'folder'");
        assertThatThrownBy(() -> file.parse("templates:\n  watch: inotify\n", "cachet.yaml"))
                .hasMessageContaining("field templates.watch: must be auto, events or poll, was 'inotify'");
    }

    @Test
    void changedFolders_areWrittenBack_andReadTheSame() throws Exception {
        var config = CachetConfig.defaults().withTemplates(TemplateSettings.DEFAULTS.withFolders(List.of("a", "b")));
        String yaml = file.toYaml(config);
        assertThat(yaml).contains("templates:").contains("folders:");
        assertThat(file.parse(yaml, "cachet.yaml")).isEqualTo(config);
    }
}
