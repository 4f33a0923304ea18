package dev.cachet.ui.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThemeStylesheetsTest {

    @TempDir Path dir;

    static String css(String dataUri) {
        return new String(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1)), StandardCharsets.UTF_8);
    }

    @Test
    void withoutAThemesFolder_theJarCopiesAreUsed() {
        var themes = new ThemeStylesheets(List.of(dir.resolve("absent")));
        assertThat(themes.stylesheets(Theme.LIGHT)).hasSize(1);
        assertThat(themes.stylesheets(Theme.DARK)).hasSize(2);
        assertThat(css(themes.stylesheets(Theme.DARK).get(1))).contains("-c-bg");
    }

    @Test
    void darkOverridesVariablesOnly() {
        String dark = css(new ThemeStylesheets(List.of(dir)).stylesheets(Theme.DARK).get(1));
        String rules = dark.replaceAll("/\\*.*?\\*/", "").replaceAll("(?s)\\.root\\s*\\{[^}]*}", "").strip();
        assertThat(rules).isEmpty();
        assertThat(dark.replaceAll("/\\*.*?\\*/", "").lines().filter(l -> l.contains(":")))
                .allSatisfy(l -> assertThat(l.strip()).startsWith("-c-"));
    }

    @Test
    void aFileInTheFolder_winsOverTheJar_andUserCssComesLast() throws Exception {
        Files.writeString(dir.resolve("light.css"), ".root { -c-bg: red; }");
        Files.writeString(dir.resolve("user.css"), ".label { -fx-font-size: 20px; }");
        var sheets = new ThemeStylesheets(List.of(dir)).stylesheets(Theme.LIGHT);
        assertThat(sheets).hasSize(2);
        assertThat(css(sheets.get(0))).isEqualTo(".root { -c-bg: red; }");
        assertThat(css(sheets.get(1))).contains("20px");
    }

    @Test
    void editingUserCss_changesTheFingerprint() throws Exception {
        var themes = new ThemeStylesheets(List.of(dir));
        String before = themes.fingerprint(Theme.DARK);
        Path user = dir.resolve("user.css");
        Files.writeString(user, ".label {}");
        String created = themes.fingerprint(Theme.DARK);
        Files.writeString(user, ".label { -fx-text-fill: red; }");
        Files.setLastModifiedTime(user, FileTime.fromMillis(Files.getLastModifiedTime(user).toMillis() + 5000));
        assertThat(created).isNotEqualTo(before);
        assertThat(themes.fingerprint(Theme.DARK)).isNotEqualTo(created);
    }
}
