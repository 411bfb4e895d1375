package dev.atelier;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
    void fileChecksStandAlone() {
        noClasses().that().resideInAPackage("dev.atelier.files..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier..")
                .andShould().dependOnClassesThat().resideOutsideOfPackages("dev.atelier.files..", "java..")
                .because("every reader (model folders, tokenizers, configs, PNGs, the CLI) shares these checks")
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
    void compareIsCore() {
        noClasses().that().resideInAPackage("dev.atelier.compare..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.ui..", "dev.atelier.cli..",
                        "javafx..", "java.awt..", "javax.imageio..")
                .because("grid planning, manifests and differences run without a window; drawing lives in image")
                .check(classes);
    }

    @Test
    void wildcardsStandAlone() {
        noClasses().that().resideInAPackage("dev.atelier.wildcard..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.ui..", "dev.atelier.cli..",
                        "dev.atelier.pipeline..", "dev.atelier.onnx..", "dev.atelier.preset..", "dev.atelier.metadata..")
                .because("prompt expansion is a pure text API the composer, the CLI and the grid share")
                .check(classes);
    }

    @Test
    void imageDrawsWithoutKnowingGrids() {
        noClasses().that().resideInAPackage("dev.atelier.image..")
                .should().dependOnClassesThat().resideInAPackage("dev.atelier.compare..")
                .because("image draws plain sheets; compare turns its grids into them")
                .check(classes);
    }

    @Test
    void presetsAndMetadataStayCore() {
        noClasses().that().resideInAnyPackage("dev.atelier.preset..", "dev.atelier.metadata..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.ui..", "dev.atelier.cli..",
                        "dev.atelier.pipeline..", "dev.atelier.onnx..")
                .because("the library and metadata read-back work without a model or a window")
                .check(classes);
        noClasses().that().resideInAPackage("dev.atelier.preset..")
                .should().dependOnClassesThat().resideInAPackage("dev.atelier.metadata..")
                .because("metadata reads presets' fields, not the other way round")
                .check(classes);
    }

    @Test
    void theQueueKnowsNothingOfTheHistory() {
        noClasses().that().resideInAnyPackage("dev.atelier.job..", "dev.atelier.session..", "dev.atelier.data..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.history..")
                .because("recording is a runner decorator (history.HistoryRecorder), not part of the queue")
                .check(classes);
    }

    @Test
    void libraryAndInspectorPanelsStandAlone() {
        noClasses().that().resideInAnyPackage("dev.atelier.ui.library..", "dev.atelier.ui.inspector..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.pipeline..", "dev.atelier.onnx..",
                        "dev.atelier.cli..")
                .because("the panels work on the library, metadata and images; runs stay with the workbench")
                .check(classes);
        noClasses().that().resideInAPackage("dev.atelier.ui.library..")
                .should().dependOnClassesThat().resideInAPackage("dev.atelier.ui.inspector..")
                .because("the inspector uses the library's composer port and worker, not the other way round")
                .check(classes);
    }

    /**
     * The window's feature packages (app, common, composer, controls, canvas, queue, history, library,
     * inspector, compare) form no cycle: a feature reaches the window only through a port or state
     * interface of its own ({@code ui.composer.ComposerState}, {@code ui.controls.ControlsState} and
     * {@code ModelFolderPort}, {@code ui.history.RestorePort}, {@code ui.library.ComposerPort}) that
     * {@code ui.app} implements.
     */
    @Test
    void uiFeaturePackagesAreFreeOfCycles() {
        slices().matching("dev.atelier.ui.(*)..")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void noFeatureReachesIntoTheWindow() {
        noClasses().that().resideInAPackage("dev.atelier.ui..").and().resideOutsideOfPackage("dev.atelier.ui.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.atelier.ui.app..")
                .because("ui.app wires every feature; a feature gets the window's model and controller through its own port")
                .check(classes);
    }

    @Test
    void sharedUiHelpersDependOnNoFeature() {
        noClasses().that().resideInAPackage("dev.atelier.ui.common..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.ui.app..",
                        "dev.atelier.ui.composer..", "dev.atelier.ui.controls..", "dev.atelier.ui.canvas..",
                        "dev.atelier.ui.queue..", "dev.atelier.ui.history..", "dev.atelier.ui.library..",
                        "dev.atelier.ui.inspector..", "dev.atelier.ui.compare..")
                .because("every feature package may use ui.common, so it must use none of them")
                .check(classes);
    }

    @Test
    void theComparisonWorkbenchStandsAlone() {
        noClasses().that().resideInAPackage("dev.atelier.ui.compare..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atelier.cli..", "dev.atelier.ui.library..",
                        "dev.atelier.ui.inspector..")
                .because("the workbench gets the composer and the queue from the startup class, not from other panels")
                .check(classes);
    }

    @Test
    void everyClassHasASimpleNameOfItsOwn() {
        classes().that(describe("are named in the source",
                        c -> !c.isAnonymousClass() && !c.getModifiers().contains(JavaModifier.SYNTHETIC)
                                && !c.getSimpleName().equals("package-info")))
                .should(haveASimpleNameNoOtherClassHas())
                .because("a name must say which class it means without its package or outer class, nested types included")
                .check(classes);
    }

    private static ArchCondition<JavaClass> haveASimpleNameNoOtherClassHas() {
        return new ArchCondition<>("have a simple name no other class has") {
            private Map<String, List<String>> byName = Map.of();

            @Override
            public void init(Collection<JavaClass> all) {
                byName = all.stream().collect(Collectors.groupingBy(JavaClass::getSimpleName,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
            }

            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> same = byName.get(c.getSimpleName());
                if (same.size() > 1) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " shares its simple name with "
                            + same.stream().filter(n -> !n.equals(c.getName())).toList()));
                }
            }
        };
    }
}
