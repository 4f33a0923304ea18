package dev.cachet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The layers written down and checked: the engine runs headless, so it knows neither JavaFX nor the UI nor the CLI. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cachet");

    @Test
    void engine_dependsOnNeitherJavaFxNorUiNorCli() {
        assertThat(CLASSES.containPackage("dev.cachet.engine")).isTrue();
        noClasses().that().resideInAPackage("dev.cachet.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.cachet.ui..", "dev.cachet.cli..")
                .because("the engine is the headless core the UI and the CLI both drive")
                .check(CLASSES);
    }
}
