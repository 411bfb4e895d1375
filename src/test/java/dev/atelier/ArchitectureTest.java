package dev.atelier;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps JavaFX inside {@code ui} and AWT inside {@code image}, as DEVELOPERS.md demands. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.atelier");
    }

    @Test
    void onlyUiTouchesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.atelier.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the core must run without a window")
                .check(classes);
    }

    @Test
    void onlyImageTouchesAwt() {
        noClasses().that().resideOutsideOfPackage("dev.atelier.image..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.imageio..")
                .because("AWT is used only for ImageIO encoding")
                .check(classes);
    }

    @Test
    void uiStaysOnItsSideOfTheCore() {
        noClasses().that().resideOutsideOfPackages("dev.atelier.ui..", "dev.atelier.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.ui..")
                .because("the core never calls into the window")
                .check(classes);
    }

    @Test
    void jobHistorySessionAndDataAreCore() {
        noClasses().that().resideInAnyPackage("dev.atelier.job..", "dev.atelier.history..", "dev.atelier.session..",
                        "dev.atelier.data..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.ui..", "dev.atelier.cli..", "javafx..")
                .because("the window and the CLI only enqueue jobs and observe them")
                .check(classes);
    }

    @Test
    void theQueueKnowsNothingOfTheHistory() {
        noClasses().that().resideInAnyPackage("dev.atelier.job..", "dev.atelier.session..", "dev.atelier.data..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.history..")
                .because("recording is a runner decorator (history.HistoryRecorder), not part of the queue")
                .check(classes);
    }
}
