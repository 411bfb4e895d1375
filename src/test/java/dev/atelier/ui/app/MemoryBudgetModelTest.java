package dev.atelier.ui.app;

import dev.atelier.ui.TestModels;
import dev.atelier.ui.controls.ControlDefaults;
import dev.atelier.ui.controls.ControlInput;
import dev.atelier.ui.controls.ModelEntry;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15: the window's memory budget refuses, before enqueueing, what the core's estimate puts above it. */
class MemoryBudgetModelTest {
    private static ControlDefaults tinyShapes;

    @BeforeAll
    static void readModel() {
        TestModels.assumeTinyShapes();
        tinyShapes = ControlDefaults.of(ModelFolder.open(TestModels.TINY_SHAPES));
    }

    private static WorkbenchModel model() {
        WorkbenchModel model = new WorkbenchModel();
        model.modelProperty().set(new ModelEntry("tiny-shapes", TestModels.TINY_SHAPES, false));
        model.applyDefaults(tinyShapes);
        model.seedLockedProperty().set(true);
        return model;
    }

    @Test
    void aSizeAboveTheBudgetIsRefusedWithTheEstimateAndTheBudget() {
        WorkbenchModel model = model();
        model.typed(ControlInput.WIDTH, "256");
        model.typed(ControlInput.HEIGHT, "256");
        model.typed(ControlInput.MEMORY_BUDGET, "240M"); // the CLI refuses the same (BadInputContractTest)
        String problem = model.problemsProperty().get().get(ControlInput.MEMORY_BUDGET);
        assertTrue(problem.startsWith("256x256 needs about "), problem);
        assertTrue(problem.contains("but the memory budget is 240 MiB"), problem);
        assertTrue(problem.contains("the largest square size that fits is"), problem);
        assertEquals(problem, assertThrows(IllegalStateException.class, () -> model.nextJob(new Random(1))).getMessage());
        assertEquals(240L << 20, model.memoryBudgetBytesProperty().get());

        model.typed(ControlInput.WIDTH, "128"); // the size that fits
        model.typed(ControlInput.HEIGHT, "128");
        model.typed(ControlInput.MEMORY_BUDGET, "2G");
        assertTrue(model.problemsProperty().get().isEmpty(), model.problemsProperty().get().toString());
        assertEquals(128, model.nextJob(new Random(1)).request().width());
        assertEquals(2L << 30, model.memoryBudgetBytesProperty().get());
    }

    @Test
    void anUnreadableBudgetBlocksGenerateAndAnEmptyOneIsTheDefault() {
        WorkbenchModel model = model();
        model.typed(ControlInput.MEMORY_BUDGET, "lots");
        assertEquals("memory budget: 'lots' is not a size; expected e.g. 8G, 512M",
                model.problemsProperty().get().get(ControlInput.MEMORY_BUDGET));
        assertThrows(IllegalStateException.class, () -> model.nextJob(new Random(1)));
        model.typed(ControlInput.MEMORY_BUDGET, "16M");
        assertTrue(model.problemsProperty().get().get(ControlInput.MEMORY_BUDGET).contains("out of range"));
        model.typed(ControlInput.MEMORY_BUDGET, " ");
        assertTrue(model.problemsProperty().get().isEmpty());
        assertEquals(GenerationLimits.defaultMemoryBudget(), model.memoryBudgetBytesProperty().get());
        assertNull(model.toSettings(1280, 800, null, null).memoryBudget(), "empty: the default is not pinned");
    }

    @Test
    void theBudgetIsKeptInTheSettingsAsTyped() {
        WorkbenchModel model = model();
        model.typed(ControlInput.MEMORY_BUDGET, "6G");
        Settings saved = model.toSettings(1280, 800, null, null);
        assertEquals("6G", saved.memoryBudget());
        WorkbenchModel next = model();
        next.typed(ControlInput.MEMORY_BUDGET, saved.memoryBudget());
        assertEquals(6L << 30, next.memoryBudgetBytesProperty().get());
    }
}
