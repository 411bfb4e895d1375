package dev.atelier.ui;

import dev.atelier.data.DataFolder;
import dev.atelier.ui.app.WorkbenchApp;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts the real {@link WorkbenchApp} on a TestFX stage with a temp data folder. */
public final class FxHarness {
    public final WorkbenchApp app;
    public final FxRobot robot = new FxRobot();

    private FxHarness(WorkbenchApp app) {
        this.app = app;
    }

    public static FxHarness start(Stage stage, Path dataDir, Path modelsRoot) {
        WorkbenchApp app = new WorkbenchApp(new DataFolder(dataDir), modelsRoot);
        app.start(stage);
        return new FxHarness(app);
    }

    /** The window over {@code runner} instead of the real pipeline (still a real queue and history). */
    public static FxHarness start(Stage stage, Path dataDir, Path modelsRoot, dev.atelier.job.JobRunner runner) {
        WorkbenchApp app = new WorkbenchApp(new DataFolder(dataDir), modelsRoot, runner);
        app.start(stage);
        return new FxHarness(app);
    }

    public void stop() {
        robot.interact(app::stop);
    }

    public <T extends Node> T node(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    /** Focuses a control (even one scrolled out of view) and types into it with the robot's keyboard. */
    public void typeInto(String query, String text) {
        Node target = robot.lookup(query).query();
        robot.interact(target::requestFocus);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        awaitCounted();
    }

    /** Waits until the (debounced, off-thread) token count has caught up with the prompt as sent. */
    public void awaitCounted() {
        try {
            waitFor(30, () -> app.model().budgetProperty().get().prompt().equals(app.model().assembledProperty().get()));
        } catch (TimeoutException e) {
            throw new AssertionError("the token count never caught up with the prompt", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Reads a value on the FX thread. */
    public <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading from the FX thread failed", e);
        }
    }

    public void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** Waits until the model folder has been read (vocabulary and defaults applied). */
    public void awaitModelLoaded() throws TimeoutException {
        waitFor(60, () -> app.controller().resourcesProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
