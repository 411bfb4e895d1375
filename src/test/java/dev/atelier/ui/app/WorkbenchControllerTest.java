package dev.atelier.ui.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.image.GenerationParameters;
import dev.atelier.image.PngFiles;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.onnx.Device;
import dev.atelier.ui.ScriptedEngine;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.canvas.RunState;
import dev.atelier.ui.common.Notifier;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.composer.VocabularyLoader;
import dev.atelier.ui.controls.ModelCatalog;
import dev.atelier.ui.controls.ModelResourceLoader;
import dev.atelier.ui.history.HistoryEntry;
import dev.atelier.ui.queue.GenerationController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench's behaviour without a window: a "ui" thread stands in for the FX thread. */
class WorkbenchControllerTest {
    @TempDir
    Path tmp;

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    private final Notifier notifier = new Notifier() {
        @Override
        public void error(String message) {
            errors.add(message);
        }

        @Override
        public void info(String message) {
            infos.add(message);
        }
    };
    private ScriptedEngine service;
    private WorkerJobQueue queue;
    private WorkbenchModel model;
    private RunState run;
    private WorkbenchController controller;
    private SettingsStore store;

    @BeforeEach
    void wire() throws Exception {
        Path modelsRoot = TestModels.modelsRootWithTokenizerOnly(tmp);
        store = new SettingsStore(tmp.resolve("data/settings.json"), new ObjectMapper());
        service = new ScriptedEngine(false);
        build(modelsRoot);
    }

    private void build(Path modelsRoot) throws Exception {
        WorkbenchServices services = new WorkbenchServices(new ModelCatalog(modelsRoot),
                new ModelResourceLoader(new VocabularyLoader(new ObjectMapper())), store, PngFiles::write,
                d -> d == Device.CUDA ? "no CUDA here: runs on CPU" : "");
        onUi(() -> {
            model = new WorkbenchModel();
            run = new RunState();
            controller = new WorkbenchController(model, run, services, notifier, worker, ui, new Random(7),
                    Clock.fixed(Instant.parse("2026-11-23T17:00:00Z"), ZoneOffset.UTC));
            if (queue != null) {
                queue.close(); // a "restart": the old window's queue goes with it
            }
            queue = new WorkerJobQueue(service);
            controller.attach(new GenerationController(queue, ui, controller));
            controller.startup(store.load());
            return null;
        });
        await(() -> onUi(() -> model.tokenCounterProperty().get() != null));
    }

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.close();
        }
        worker.shutdownNow();
        ui.shutdownNow();
    }

    private <T> T onUi(Callable<T> task) throws Exception {
        return ui.submit(task).get(20, TimeUnit.SECONDS);
    }

    private void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 30 s");
            Thread.sleep(20);
        }
    }

    private void generateAndWait() throws Exception {
        int before = onUi(() -> controller.history().size());
        assertTrue(onUi(controller::generate));
        await(() -> onUi(() -> controller.history().size() > before));
    }

    @Test
    void aFreshStartSelectsTheOnlyModelAndOffersAStarterPrompt() throws Exception {
        assertEquals("words-only", onUi(() -> model.modelProperty().get().name()));
        assertFalse(onUi(() -> model.assembledProperty().get().prompt().isBlank()));
        assertTrue(onUi(() -> model.budgetProperty().get().positiveTotal() > 0), "tokens counted with its tokenizer");
        assertEquals(1, errors.size(), "a folder without networks is reported once: " + errors);
        assertTrue(errors.getFirst().startsWith("Model “words-only” cannot be used: "), errors.getFirst());
    }

    @Test
    void generateRecordsTheRunInHistoryWithItsSettings() throws Exception {
        onUi(() -> {
            model.field(ComposerField.SUBJECT).set("a small blue circle");
            model.stepsProperty().set(6);
            model.seedLockedProperty().set(true);
            model.seedProperty().set(99);
            return null;
        });
        generateAndWait();
        HistoryEntry entry = onUi(() -> controller.history().getFirst());
        assertEquals(6, entry.steps().size());
        assertEquals(99, entry.settings().seed());
        assertTrue(entry.settings().prompt().startsWith("a small blue circle"));
        assertEquals(entry, onUi(() -> controller.currentProperty().get()));
        assertEquals(entry.image(), onUi(() -> run.canvasProperty().get()), "the final image replaces the previews");
        assertEquals(6, onUi(() -> run.frames().size()));
    }

    @Test
    void unlockedSeedsRollPerRunLockedOnesStay() throws Exception {
        onUi(() -> {
            model.stepsProperty().set(2);
            return null;
        });
        generateAndWait();
        generateAndWait();
        List<HistoryEntry> h = onUi(() -> List.copyOf(controller.history()));
        assertNotEquals(h.get(0).settings().seed(), h.get(1).settings().seed());
        onUi(() -> {
            model.seedLockedProperty().set(true);
            return null;
        });
        generateAndWait();
        generateAndWait();
        h = onUi(() -> List.copyOf(controller.history()));
        assertEquals(h.get(0).settings().seed(), h.get(1).settings().seed());
    }

    @Test
    void clickingAHistoryEntryRestoresPromptAndSettings() throws Exception {
        onUi(() -> {
            model.field(ComposerField.STYLE).set("watercolor");
            model.stepsProperty().set(3);
            model.guidanceProperty().set(4.5);
            return null;
        });
        generateAndWait();
        HistoryEntry first = onUi(() -> controller.history().getFirst());
        onUi(() -> {
            model.field(ComposerField.STYLE).set("pixel art");
            model.stepsProperty().set(5);
            model.guidanceProperty().set(9);
            return null;
        });
        generateAndWait();
        onUi(() -> {
            controller.restore(first);
            return null;
        });
        assertEquals("watercolor", onUi(() -> model.field(ComposerField.STYLE).get()));
        assertEquals(3, onUi(() -> model.stepsProperty().get()));
        assertEquals(4.5, onUi(() -> model.guidanceProperty().get()));
        assertEquals(first.settings().seed(), onUi(() -> model.seedProperty().get()));
        assertEquals(first.image(), onUi(() -> run.canvasProperty().get()));
        assertEquals(3, onUi(() -> run.frames().size()), "its steps can be scrubbed again");
    }

    @Test
    void saveWritesThePngWithItsParameters() throws Exception {
        onUi(() -> {
            model.stepsProperty().set(2);
            return null;
        });
        generateAndWait();
        Path out = tmp.resolve("out/star.png");
        Files.createDirectories(out.getParent());
        assertTrue(onUi(() -> controller.save(out)));
        String parameters = PngFiles.read(out).parameters().orElseThrow();
        HistoryEntry entry = onUi(() -> controller.history().getFirst());
        assertEquals(entry.parameters(), parameters);
        assertEquals(entry.settings().seed(), GenerationParameters.parse(parameters).seed().longValue());
    }

    @Test
    void saveFailureIsReportedNotThrown() throws Exception {
        onUi(() -> {
            model.stepsProperty().set(1);
            return null;
        });
        generateAndWait();
        Path blocked = tmp.resolve("a-file");
        Files.writeString(blocked, "x");
        assertFalse(onUi(() -> controller.save(blocked.resolve("inside.png"))));
        assertTrue(errors.getLast().startsWith("Could not save "), errors.getLast());
    }

    @Test
    void promptAndSettingsSurviveARestart() throws Exception {
        onUi(() -> {
            model.field(ComposerField.SUBJECT).set("a large green cross");
            model.field(ComposerField.NEGATIVE).set("outline");
            model.stepsProperty().set(17);
            model.seedLockedProperty().set(true);
            model.seedProperty().set(1234);
            controller.persist(1200, 800, 30.0, 60.0);
            return null;
        });
        build(tmp.resolve("models"));
        assertEquals("a large green cross", onUi(() -> model.field(ComposerField.SUBJECT).get()));
        assertEquals("outline", onUi(() -> model.field(ComposerField.NEGATIVE).get()));
        assertEquals(17, onUi(() -> model.stepsProperty().get()));
        assertEquals(1234L, onUi(() -> model.seedProperty().get()));
        assertTrue(onUi(() -> model.seedLockedProperty().get()));
        assertEquals(1200, store.load().windowWidth());
        assertEquals(30.0, store.load().windowX());
        assertEquals(60.0, store.load().windowY());
    }

    @Test
    void aBrokenUserFolderIsReportedAndTheWindowStaysUsable() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("elsewhere/broken-model"));
        Files.writeString(broken.resolve("model_index.json"), "{ this is not json");
        errors.clear();
        onUi(() -> {
            controller.addModelFolder(broken);
            return null;
        });
        await(() -> !errors.isEmpty());
        assertTrue(errors.getFirst().contains("broken-model"), errors.getFirst());
        assertFalse(errors.getFirst().contains("Exception"), "no stack trace or class names: " + errors.getFirst());
        assertTrue(onUi(() -> model.userModelDirs().contains(broken.toAbsolutePath().normalize())));
        onUi(() -> {
            model.field(ComposerField.SUBJECT).set("still typing");
            return null;
        });
        assertTrue(onUi(() -> model.assembledProperty().get().prompt().startsWith("still typing")));
    }

    @Test
    void choosingADeviceShowsWhereRunsWillActuallyGo() throws Exception {
        assertEquals("", onUi(() -> model.deviceNoteProperty().get()));
        onUi(() -> {
            model.deviceProperty().set(Device.CUDA);
            return null;
        });
        await(() -> onUi(() -> !model.deviceNoteProperty().get().isEmpty()));
        assertEquals("no CUDA here: runs on CPU", onUi(() -> model.deviceNoteProperty().get()));
    }

    @Test
    void failedRunsBecomeAnErrorAndKeepThePreviews() throws Exception {
        service.failure = new IllegalStateException("the U-Net returned NaN");
        onUi(() -> {
            model.stepsProperty().set(4);
            return null;
        });
        errors.clear();
        assertTrue(onUi(controller::generate));
        await(() -> !errors.isEmpty());
        assertEquals("the U-Net returned NaN", errors.getFirst());
        assertTrue(onUi(() -> controller.history().isEmpty()));
        assertFalse(onUi(() -> run.runningProperty().get()));
        assertNull(onUi(() -> controller.currentProperty().get()));
    }

}
