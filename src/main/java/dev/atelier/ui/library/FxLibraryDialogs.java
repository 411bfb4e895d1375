package dev.atelier.ui.library;

import dev.atelier.preset.OnConflict;
import dev.atelier.preset.Preset;
import dev.atelier.preset.PresetFormat;
import dev.atelier.preset.PresetPrompt;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link LibraryDialogs} with JavaFX dialogs and file choosers, owned by the window of {@code owner}. */
public final class FxLibraryDialogs implements LibraryDialogs {
    private static final String DETECT = "Detect from the content";
    private final Node owner;

    public FxLibraryDialogs(Node owner) {
        this.owner = owner;
    }

    @Override
    public Optional<String> presetName(String suggested) {
        TextInputDialog d = new TextInputDialog(suggested);
        d.setTitle("Save composer as preset");
        d.setHeaderText("Name of the preset (a preset with this name is replaced)");
        d.initOwner(owner.getScene().getWindow());
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public Optional<Preset> edit(Preset p) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Edit preset");
        d.initOwner(owner.getScene().getWindow());
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        TextField name = new TextField(p.name());
        TextField tags = new TextField(String.join(", ", p.tags()));
        TextField folder = new TextField(p.folder());
        TextArea note = new TextArea(p.note());
        note.setPrefRowCount(2);
        PresetPrompt f = p.prompt();
        List<TextField> fields = List.of(new TextField(f.subject()), new TextField(f.composition()), new TextField(f.style()),
                new TextField(f.lighting()), new TextField(f.freeText()), new TextField(f.negative()));
        GridPane grid = new GridPane();
        grid.getStyleClass().add("library-edit");
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Tags (comma-separated)"), tags);
        grid.addRow(2, new Label("Folder (a/b)"), folder);
        grid.addRow(3, new Label("Note"), note);
        String[] labels = {"Subject", "Composition", "Style", "Lighting", "Free text", "Negative prompt"};
        for (int i = 0; i < labels.length; i++) {
            grid.addRow(4 + i, new Label(labels[i]), fields.get(i));
        }
        d.getDialogPane().setContent(grid);
        if (d.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return Optional.empty();
        }
        List<String> tagList = Arrays.stream(tags.getText().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        PresetPrompt prompt = new PresetPrompt(fields.get(0).getText(), fields.get(1).getText(), fields.get(2).getText(),
                fields.get(3).getText(), fields.get(4).getText(), fields.get(5).getText());
        return Optional.of(new Preset(name.getText().strip(), prompt, p.settings(), p.joinRule(), tagList, note.getText(),
                p.thumbnail(), p.favourite(), folder.getText()));
    }

    @Override
    public Optional<Path> importFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import presets");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Styles and presets", "*.csv", "*.json"),
                new FileChooser.ExtensionFilter("Any file", "*"));
        File file = chooser.showOpenDialog(owner.getScene().getWindow());
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Optional<PresetFormat>> importFormat() {
        List<String> choices = new java.util.ArrayList<>(List.of(DETECT));
        Arrays.stream(PresetFormat.values()).map(PresetFormat::cliName).forEach(choices::add);
        ChoiceDialog<String> d = new ChoiceDialog<>(DETECT, choices);
        d.setTitle("Import presets");
        d.setHeaderText("Format of the file");
        d.initOwner(owner.getScene().getWindow());
        return d.showAndWait().map(c -> c.equals(DETECT) ? Optional.empty() : PresetFormat.fromCliName(c));
    }

    @Override
    public Optional<OnConflict> onConflict() {
        ChoiceDialog<OnConflict> d = new ChoiceDialog<>(OnConflict.RENAME, OnConflict.values());
        d.setTitle("Import presets");
        d.setHeaderText("When the library already has a preset of the same name: skip the imported one, "
                + "replace the library's (it can be restored), or import it under a new name");
        d.initOwner(owner.getScene().getWindow());
        return d.showAndWait();
    }

    @Override
    public Optional<PresetFormat> exportFormat() {
        ChoiceDialog<PresetFormat> d = new ChoiceDialog<>(PresetFormat.values()[0], PresetFormat.values());
        d.setTitle("Export presets");
        d.setHeaderText("Format to write every preset of the library in");
        d.initOwner(owner.getScene().getWindow());
        return d.showAndWait();
    }

    @Override
    public Optional<Path> exportFile(PresetFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export presets");
        String extension = format == PresetFormat.A1111 || format == PresetFormat.INVOKEAI_CSV ? "csv" : "json";
        chooser.setInitialFileName("presets-" + format.cliName().toLowerCase(Locale.ROOT) + "." + extension);
        File file = chooser.showSaveDialog(owner.getScene().getWindow());
        return Optional.ofNullable(file).map(File::toPath);
    }
}
