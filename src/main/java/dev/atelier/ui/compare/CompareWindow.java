package dev.atelier.ui.compare;

import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Subscription;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The comparison workbench's own window: the grid set-up form (the three axes with the parser's
 * message under each, the base settings from the composer, the estimate, Start and Cancel, Seed
 * sweep, Ablate, Open, Save, Extend) above the {@link CompareWorkbenchView}. Built in that order
 * each time the window opens; closing it removes every listener it put on the models (a running
 * grid goes on, and is shown again when the window reopens).
 */
public final class CompareWindow {
    private static final String HELP = "Axes: model, seed (1-8, 1-10 (+2), 1-10 [5]), scheduler, guidance, steps, size "
            + "(512x768), subject, composition, style, lighting, free-text, negative, sr (Prompt S/R: first value is "
            + "searched), preset, variant:FIELD ({a|b} templates). Values split on | when there is one, else on ,";

    private final CompareSession session;
    private final GridSetupModel setup;
    private final List<String> stylesheets;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private Predicate<String> confirm = this::askConfirm;
    private Supplier<Path> openDialog = this::chooseGrid;
    private Supplier<Path> saveDialog = this::chooseFolder;
    private Stage stage;
    private CompareWorkbenchView workbench;

    /** {@code stylesheets}: the workbench's and the comparison's, as external forms. */
    public CompareWindow(CompareSession session, List<String> stylesheets) {
        this.session = Objects.requireNonNull(session, "session");
        this.setup = session.setup();
        this.stylesheets = List.copyOf(stylesheets);
    }

    /** Opens the window (or brings it to the front) and re-reads the composer. */
    public void open() {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle("Atelier — Compare");
            BorderPane root = new BorderPane();
            root.setTop(buildForm());
            workbench = new CompareWorkbenchView(session.ab(), 128);
            root.setCenter(workbench.node());
            Scene scene = new Scene(root, 1100, 800);
            scene.getStylesheets().addAll(stylesheets);
            stage.setScene(scene);
            session.setDisplay(new CompareSession.Display() {
                @Override
                public void showGrid(LiveGridModel grid, CompareController controller) {
                    workbench.showGrid(grid, controller);
                }

                @Override
                public void showAblation(AblationModel result) {
                    workbench.showAblation(result);
                }

                @Override
                public void showAb() {
                    workbench.showAb();
                }

                @Override
                public void showAblationRunning(int images) {
                    workbench.showAblationRunning(images, session::cancel);
                }
            });
            stage.setOnHidden(e -> dispose());
        }
        stage.show();
        stage.toFront();
        session.check();
    }

    public boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    /** Closes the window; its listeners go with it. */
    public void close() {
        if (stage != null) {
            stage.close();
        }
    }

    /** Replaces the "more than 64 cells" question (tests have no native dialogs). */
    public void setConfirm(Predicate<String> value) {
        confirm = value;
    }

    /** Replaces the file chooser of Open (tests). */
    public void setOpenDialog(Supplier<Path> value) {
        openDialog = value;
    }

    /** Replaces the folder chooser of Save (tests). */
    public void setSaveDialog(Supplier<Path> value) {
        saveDialog = value;
    }

    private void dispose() {
        session.setDisplay(null);
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        if (workbench != null) {
            workbench.dispose();
        }
        workbench = null;
        stage = null;
    }

    private VBox buildForm() {
        Label title = new Label("Grid set-up");
        title.getStyleClass().add("section-title");
        Label base = new Label();
        base.setId("compare-base");
        base.getStyleClass().add("compare-base");
        subscriptions.add(setup.baseProperty().subscribe(b -> base.setText(b.isEmpty() ? "" : "Base (from the composer): " + b)));

        GridPane axes = new GridPane();
        axes.getStyleClass().add("compare-axes");
        String[] roles = {"Columns", "Rows", "Pages"};
        for (int i = 0; i < GridSetupModel.AXES; i++) {
            Label role = new Label(roles[i]);
            role.getStyleClass().add("compare-axis-role");
            TextField text = new TextField(setup.axisText(i).get());
            text.setId("compare-axis-" + (i + 1));
            text.setPromptText(i == 0 ? "e.g. seed=1-4" : i == 1 ? "e.g. scheduler=ddim,euler-a" : "e.g. style=watercolor|pixel art");
            var property = setup.axisText(i);
            text.textProperty().bindBidirectional(property);
            subscriptions.add(() -> text.textProperty().unbindBidirectional(property));
            GridPane.setHgrow(text, Priority.ALWAYS);
            Label error = new Label();
            error.setId("compare-axis-error-" + (i + 1));
            error.getStyleClass().add("compare-axis-error");
            error.setWrapText(true);
            subscriptions.add(setup.axisError(i).subscribe(error::setText));
            axes.addRow(i, role, text, error);
        }
        Label help = new Label(HELP);
        help.getStyleClass().add("compare-help");
        help.setWrapText(true);

        Button start = new Button("Start");
        start.setId("compare-start");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> session.start(confirm));
        Button cancel = new Button("Cancel");
        cancel.setId("compare-cancel");
        cancel.setTooltip(new Tooltip("Cancel the grid's cells that have not finished; finished cells are kept"));
        cancel.setOnAction(e -> session.cancel());
        Label estimate = new Label();
        estimate.setId("compare-estimate");
        estimate.getStyleClass().add("compare-estimate");
        Label blocked = new Label();
        blocked.setId("compare-blocked");
        blocked.getStyleClass().add("compare-blocked");
        blocked.setWrapText(true);
        subscriptions.add(setup.estimateProperty().subscribe(estimate::setText));
        subscriptions.add(setup.blockedProperty().subscribe(b -> {
            start.setDisable(!b.isEmpty());
            blocked.setText(b.isEmpty() ? "" : "Cannot start: " + b);
        }));
        subscriptions.add(setup.runningProperty().subscribe(r -> cancel.setDisable(!r)));
        HBox run = new HBox(8, start, cancel, estimate, blocked);
        run.setAlignment(Pos.CENTER_LEFT);

        Button sweep = new Button("Seed sweep");
        sweep.setId("compare-sweep");
        sweep.setTooltip(new Tooltip("The composer's prompt over N consecutive seeds, as one grid"));
        sweep.setOnAction(e -> session.seedSweep());
        Spinner<Integer> count = new Spinner<>(1, GridSetupModel.MAX_SWEEP, setup.sweepCountProperty().get());
        count.setId("compare-sweep-count");
        count.setEditable(true);
        count.setPrefWidth(70);
        count.valueProperty().addListener((o, was, now) -> setup.sweepCountProperty().set(now));
        Button ablate = new Button("Ablate");
        ablate.setId("compare-ablate");
        ablate.setTooltip(new Tooltip("The prompt in full and with each non-empty field left out: what each field does"));
        ablate.setOnAction(e -> session.ablate());
        Button open = new Button("Open…");
        open.setId("compare-open");
        open.setTooltip(new Tooltip("Open a saved grid: its manifest JSON or its grid PNG"));
        open.setOnAction(e -> {
            Path file = openDialog.get();
            if (file != null) {
                session.open(file);
            }
        });
        Button save = new Button("Save…");
        save.setId("compare-save");
        save.setTooltip(new Tooltip("Write grid.json, the cell PNGs and the grid sheet into a folder"));
        save.setOnAction(e -> {
            Path dir = saveDialog.get();
            if (dir != null) {
                session.save(dir);
            }
        });
        TextField extendText = new TextField();
        extendText.setId("compare-extend");
        extendText.setPromptText("extend an axis, e.g. seed=5-6");
        extendText.textProperty().bindBidirectional(setup.extendTextProperty());
        subscriptions.add(() -> extendText.textProperty().unbindBidirectional(setup.extendTextProperty()));
        Button extend = new Button("Extend");
        extend.setId("compare-extend-run");
        extend.setTooltip(new Tooltip("Add values to an axis of the grid on show; only the new cells run"));
        extend.setOnAction(e -> session.extend(confirm));
        subscriptions.add(setup.runningProperty().subscribe(r -> {
            sweep.setDisable(r);
            ablate.setDisable(r);
            open.setDisable(r);
        }));
        Runnable savedState = () -> {
            boolean off = setup.runningProperty().get() || !setup.hasManifestProperty().get();
            save.setDisable(off);
            extend.setDisable(off);
        };
        subscriptions.add(setup.runningProperty().subscribe(r -> savedState.run()));
        subscriptions.add(setup.hasManifestProperty().subscribe(h -> savedState.run()));
        HBox more = new HBox(8, sweep, count, new Label("seeds"), ablate, new Separator(Orientation.VERTICAL),
                open, save, extendText, extend);
        more.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("compare-status");
        status.getStyleClass().add("compare-status");
        status.setWrapText(true);
        subscriptions.add(setup.statusProperty().subscribe(status::setText));

        VBox form = new VBox(title, base, axes, help, run, more, status);
        form.getStyleClass().add("compare-form");
        return form;
    }

    private boolean askConfirm(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setHeaderText("A large grid");
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private Path chooseGrid() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a saved grid");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Grid manifest or grid image", "*.json", "*.png"));
        File file = chooser.showOpenDialog(stage);
        return file == null ? null : file.toPath();
    }

    private Path chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Save the grid into");
        File dir = chooser.showDialog(stage);
        return dir == null ? null : dir.toPath();
    }
}
