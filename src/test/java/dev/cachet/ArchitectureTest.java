package dev.cachet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers written down and checked: the engine runs headless, so it knows neither JavaFX nor any adapter
 * (the UI, the CLI, the OpenAI-compatible endpoint); the endpoint is an adapter beside the others, without JavaFX.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cachet");

    @Test
    void engine_dependsOnNeitherJavaFxNorUiNorCli() {
        assertThat(CLASSES.containPackage("dev.cachet.engine")).isTrue();
        noClasses().that().resideInAPackage("dev.cachet.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.cachet.ui..", "dev.cachet.cli..", "dev.cachet.server..")
                .because("the engine is the headless core the UI, the CLI and the endpoint all drive")
                .check(CLASSES);
    }

    @Test
    void endpoint_isAnAdapter_withoutJavaFxOrTheOtherAdapters() {
        assertThat(CLASSES.containPackage("dev.cachet.server")).isTrue();
        noClasses().that().resideInAPackage("dev.cachet.server..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.cachet.ui..", "dev.cachet.cli..")
                .because("the endpoint runs headless (cachet serve) as well as inside the window")
                .check(CLASSES);
    }

    @Test
    void onlyTheEndpointUsesTheHttpServer() {
        noClasses().that().resideOutsideOfPackage("dev.cachet.server..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..")
                .because("Jetty is the endpoint's implementation detail")
                .check(CLASSES);
    }

    @Test
    void engine_knowsNothingOfTheFaultSuite() {
        assertThat(CLASSES.containPackage("dev.cachet.faults")).isTrue();
        noClasses().that().resideInAPackage("dev.cachet.engine..")
                .should().dependOnClassesThat().resideInAPackage("dev.cachet.faults..")
                .because("the misbehaving servers and scenarios exercise the engine from outside; it must not lean on them")
                .check(CLASSES);
    }
}
