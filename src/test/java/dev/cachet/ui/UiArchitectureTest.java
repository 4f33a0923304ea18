package dev.cachet.ui;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The UI's layering rules, checked on the compiled classes. */
class UiArchitectureTest {

    static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cachet.ui");

    @Test
    void onlyTheFxAdapterCallsRunLater() {
        noClasses().that().resideOutsideOfPackage("dev.cachet.ui.fx")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("engine results reach the FX thread in exactly one place (FxUiThread)")
                .check(UI);
    }

    @Test
    void viewModelsKnowNoNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("view-models hold properties and are tested without the toolkit")
                .check(UI);
    }
}
