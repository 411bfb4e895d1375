package dev.atelier.ui.inspector;

import dev.atelier.image.GenerationParameters;
import dev.atelier.metadata.RecoveredGeneration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The image inspector, built in one fixed order: Open and Restore, the file, the tool it came from
 * and its provenance label, prompt, negative, settings, what Atelier lacks (named, with the proposed
 * scheduler), then every text the image carries. Its stylesheet is {@value #CSS} next to this class.
 */
public final class InspectorView {
    public static final String CSS = "inspector.css";
    private final VBox root = new VBox(8);
    private final Label file = value("inspector-file");
    private final Label tool = value("inspector-tool");
    private final Label label = value("inspector-label");
    private final Label prompt = value("inspector-prompt");
    private final Label negative = value("inspector-negative");
    private final Label settings = value("inspector-settings");
    private final Label unsupported = value("inspector-unsupported");
    private final TextArea texts = new TextArea();
    private final InspectorController controller;
    private Supplier<Optional<Path>> openDialog = this::chooseImage;
    private Supplier<Optional<Path>> shareDialog = this::chooseShareFile;
    private Runnable onOpened = () -> { };

    public InspectorView(InspectorModel model, InspectorController controller) {
        this.controller = Objects.requireNonNull(controller, "controller");
        root.setId("inspector");
        root.getStyleClass().add("inspector");
        root.getStylesheets().add(Objects.requireNonNull(InspectorView.class.getResource(CSS)).toExternalForm());
        Button open = new Button("Open image…");
        open.setId("inspector-open");
        open.setTooltip(new Tooltip("Open a PNG, JPEG or WebP (or drop one on the window)"));
        open.setOnAction(e -> openDialog.get().ifPresent(this::open));
        Button restore = new Button("Restore into composer");
        restore.setId("inspector-restore");
        restore.getStyleClass().add("accent");
        restore.setOnAction(e -> controller.restore());
        restore.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.recoveredProperty().get() == null || model.recoveredProperty().get().generation().isEmpty(),
                model.recoveredProperty()));
        Button share = new Button("Save without prompt…");
        share.setId("inspector-share");
        share.setTooltip(new Tooltip("Save the image on the canvas for sharing: no prompt, no parameters, only the AI label"));
        share.setOnAction(e -> {
            if (controller.readyToShare()) {
                shareDialog.get().ifPresent(controller::share);
            }
        });
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, open, restore, share);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("inspector-grid");
        grid.setHgap(8);
        grid.setVgap(6);
        String[] names = {"File", "Made with", "AI label", "Prompt", "Negative", "Settings", "Atelier lacks"};
        Label[] values = {file, tool, label, prompt, negative, settings, unsupported};
        for (int i = 0; i < names.length; i++) {
            Label name = new Label(names[i]);
            name.getStyleClass().add("inspector-key");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.addRow(i, name, values[i]);
        }
        texts.setId("inspector-texts");
        texts.setEditable(false);
        texts.setWrapText(true);
        texts.setPrefRowCount(8);
        Label hint = new Label("Drop an image anywhere on the window to inspect it.");
        hint.getStyleClass().add("inspector-hint");
        hint.setWrapText(true);
        Label raw = new Label("Everything the image carries");
        raw.getStyleClass().add("inspector-key");
        root.getChildren().addAll(buttons, hint, grid, raw, texts);

        model.recoveredProperty().addListener((o, a, r) -> show(model, r));
        model.problemProperty().addListener((o, a, p) -> show(model, model.recoveredProperty().get()));
        show(model, null);
    }

    private static Label value(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add("inspector-value");
        l.setWrapText(true);
        return l;
    }

    private void open(Path path) {
        controller.open(path);
        onOpened.run();
    }

    private void show(InspectorModel model, RecoveredGeneration r) {
        Path path = model.fileProperty().get();
        file.setText(path == null ? "—" : path.getFileName().toString());
        if (r == null) {
            for (Label l : List.of(tool, label, prompt, negative, settings, unsupported)) {
                l.setText("—");
            }
            texts.setText(model.problemProperty().get());
            return;
        }
        tool.setText(InspectorController.toolName(r.tool()));
        label.setText(r.labelled() ? "yes: marked as AI-made (IPTC trainedAlgorithmicMedia)" : "no provenance label");
        Optional<GenerationParameters> g = r.generation();
        prompt.setText(g.map(GenerationParameters::prompt).orElse("—"));
        negative.setText(g.map(GenerationParameters::negativePrompt).filter(s -> !s.isEmpty()).orElse("—"));
        settings.setText(g.map(p -> settingsLine(p, r)).orElse("—"));
        List<String> lacks = new ArrayList<>();
        r.unsupported().forEach((k, v) -> lacks.add(k + ": " + v));
        if (r.unsupported().containsKey("Sampler")) {
            r.scheduler().ifPresent(s -> lacks.add("closest Atelier scheduler: " + s));
        }
        unsupported.setText(lacks.isEmpty() ? "nothing" : String.join("\n", lacks));
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> e : r.texts().entrySet()) {
            all.append(e.getKey()).append(":\n").append(e.getValue()).append("\n\n");
        }
        texts.setText(all.isEmpty() ? "(no text chunks)" : all.toString().strip());
    }

    private static String settingsLine(GenerationParameters p, RecoveredGeneration r) {
        List<String> parts = new ArrayList<>();
        if (p.steps() != null) {
            parts.add(p.steps() + " steps");
        }
        if (p.sampler() != null) {
            parts.add(p.sampler() + (p.scheduleType() == null ? "" : " " + p.scheduleType())
                    + r.scheduler().map(s -> " → " + s).orElse(""));
        }
        if (p.cfgScale() != null) {
            parts.add("CFG " + p.cfgScale());
        }
        if (p.seed() != null) {
            parts.add("seed " + p.seed());
        }
        if (p.width() != null) {
            parts.add(p.width() + "×" + p.height());
        }
        if (p.modelName() != null) {
            parts.add("model " + p.modelName());
        }
        p.extras().forEach((k, v) -> parts.add(k + ": " + v));
        return parts.isEmpty() ? "—" : String.join(" · ", parts);
    }

    /**
     * Lets image files be dropped on {@code target} (the whole window): the first one that looks like
     * an image is opened here.
     */
    public void acceptDrops(Node target) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() && firstImage(e.getDragboard().getFiles()).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            e.setDropCompleted(e.getDragboard().hasFiles() && dropped(e.getDragboard().getFiles()));
            e.consume();
        });
    }

    /** Opens the first image among dropped {@code files}; false when there is none. */
    public boolean dropped(List<File> files) {
        Optional<Path> image = firstImage(files);
        image.ifPresent(this::open);
        return image.isPresent();
    }

    static Optional<Path> firstImage(List<File> files) {
        return files.stream().map(File::toPath).filter(InspectorView::looksLikeImage).findFirst();
    }

    private static boolean looksLikeImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".webp");
    }

    private Optional<Path> chooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Inspect an image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.webp"));
        File chosen = chooser.showOpenDialog(root.getScene().getWindow());
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    private Optional<Path> chooseShareFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save without prompt");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("atelier-share.png");
        File chosen = chooser.showSaveDialog(root.getScene().getWindow());
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    /** Replaces the share file chooser (tests have no native dialogs). */
    public void setShareDialog(Supplier<Optional<Path>> dialog) {
        this.shareDialog = Objects.requireNonNull(dialog, "dialog");
    }

    /** Replaces the file chooser (tests have no native dialogs). */
    public void setOpenDialog(Supplier<Optional<Path>> dialog) {
        this.openDialog = Objects.requireNonNull(dialog, "dialog");
    }

    /** Called after an image is opened or dropped (the window brings this panel to the front). */
    public void setOnOpened(Runnable action) {
        this.onOpened = Objects.requireNonNull(action, "action");
    }

    /** Opens {@code path} as if it had been dropped. */
    public void inspect(Path path) {
        open(path);
    }

    public Node node() {
        return root;
    }
}
