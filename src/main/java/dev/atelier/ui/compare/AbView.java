package dev.atelier.ui.compare;

import dev.atelier.compare.SettingsDiff.SettingDifference;
import dev.atelier.compare.WordDiff.DiffWord;
import dev.atelier.ui.common.FxImages;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Function;

/**
 * The A/B view: mode buttons, wipe slider, A⇄B toggle, change threshold and the difference numbers
 * on top; the images (zoomed and panned together: scroll to zoom, drag to pan); the table of
 * settings that differ and a coloured word diff per prompt field below. Built in that order.
 */
public final class AbView {
    private final AbModel model;
    private final double side;
    private final VBox root = new VBox(8);
    private final StackPane stage = new StackPane();
    private final Map<AbMode, Node> layouts = new EnumMap<>(AbMode.class);
    private final ObjectProperty<Image> imageA = new SimpleObjectProperty<>();
    private final ObjectProperty<Image> imageB = new SimpleObjectProperty<>();
    private final ObjectProperty<Image> heatmap = new SimpleObjectProperty<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private double dragX;
    private double dragY;

    /** {@code side}: the largest width and height each image is shown at. */
    public AbView(AbModel model, double side) {
        this.model = model;
        this.side = side;
        root.getStyleClass().add("ab-view");
        subscriptions.add(model.leftProperty().subscribe(s -> imageA.set(s == null ? null : FxImages.toFx(s.image()))));
        subscriptions.add(model.rightProperty().subscribe(s -> imageB.set(s == null ? null : FxImages.toFx(s.image()))));
        subscriptions.add(model.differenceProperty().subscribe(d -> heatmap.set(d == null ? null : FxImages.toFx(d.heatmap()))));
        root.getChildren().addAll(buildModes(), buildControls(), buildStage(), buildSettingsTable(), buildWords());
    }

    public Node node() {
        return root;
    }

    public void dispose() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    private Node buildModes() {
        ToggleGroup group = new ToggleGroup();
        HBox modes = new HBox(4);
        modes.getStyleClass().add("ab-modes");
        for (AbMode m : AbMode.values()) {
            ToggleButton b = new ToggleButton(m.label());
            b.setId("ab-mode-" + m.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(group);
            b.setOnAction(e -> model.modeProperty().set(m));
            subscriptions.add(model.modeProperty().subscribe(now -> b.setSelected(now == m)));
            modes.getChildren().add(b);
        }
        return modes;
    }

    private Node buildControls() {
        Slider wipe = new Slider(0, 1, model.wipeProperty().get());
        wipe.setId("ab-wipe");
        wipe.valueProperty().bindBidirectional(model.wipeProperty());
        subscriptions.add(() -> wipe.valueProperty().unbindBidirectional(model.wipeProperty()));
        subscriptions.add(model.modeProperty().subscribe(m -> wipe.setDisable(m != AbMode.WIPE)));

        ToggleButton flip = new ToggleButton("A ⇄ B");
        flip.setId("ab-flip");
        flip.selectedProperty().bindBidirectional(model.showingBProperty());
        subscriptions.add(() -> flip.selectedProperty().unbindBidirectional(model.showingBProperty()));
        subscriptions.add(model.modeProperty().subscribe(m -> flip.setDisable(m != AbMode.TOGGLE)));

        Slider threshold = new Slider(0, 254, model.thresholdProperty().get());
        threshold.setId("ab-threshold");
        threshold.setMajorTickUnit(1);
        threshold.setSnapToTicks(true);
        threshold.valueProperty().addListener((o, was, now) -> model.thresholdProperty().set((int) Math.round(now.doubleValue())));
        subscriptions.add(model.thresholdProperty().subscribe(t -> threshold.setValue(t.doubleValue())));
        Label thresholdLabel = new Label();
        subscriptions.add(model.thresholdProperty().subscribe(t -> thresholdLabel.setText("changed above " + t)));

        Label numbers = new Label();
        numbers.setId("ab-numbers");
        numbers.getStyleClass().add("ab-numbers");
        subscriptions.add(model.numbersProperty().subscribe(numbers::setText));

        HBox row = new HBox(8, new Label("wipe"), wipe, flip, thresholdLabel, threshold, numbers);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("ab-controls");
        return row;
    }

    private Node buildStage() {
        layouts.put(AbMode.SIDE_BY_SIDE, new HBox(8, captioned("A", imageA), captioned("B", imageB)));
        ImageView under = imageView(imageB);
        ImageView over = imageView(imageA);
        Rectangle clip = new Rectangle();
        over.setClip(clip);
        Runnable cut = () -> {
            clip.setWidth(model.wipeProperty().get() * over.getLayoutBounds().getWidth());
            clip.setHeight(over.getLayoutBounds().getHeight());
        };
        subscriptions.add(model.wipeProperty().subscribe(w -> cut.run()));
        subscriptions.add(over.layoutBoundsProperty().subscribe(b -> cut.run()));
        StackPane wiped = new StackPane(under, over);
        wiped.setAlignment(Pos.TOP_LEFT);
        wiped.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        layouts.put(AbMode.WIPE, wiped);
        ObjectProperty<Image> toggled = new SimpleObjectProperty<>();
        Runnable pick = () -> toggled.set(model.showingBProperty().get() ? imageB.get() : imageA.get());
        subscriptions.add(model.showingBProperty().subscribe(b -> pick.run()));
        subscriptions.add(imageA.subscribe(i -> pick.run()));
        subscriptions.add(imageB.subscribe(i -> pick.run()));
        layouts.put(AbMode.TOGGLE, imageView(toggled));
        layouts.put(AbMode.DIFFERENCE, imageView(heatmap));
        stage.setId("ab-stage");
        stage.getStyleClass().add("ab-stage");
        stage.setAlignment(Pos.TOP_LEFT);
        // as large as the images, so the stage's own width never pads them
        stage.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        subscriptions.add(model.modeProperty().subscribe(m -> stage.getChildren().setAll(layouts.get(m))));
        return stage;
    }

    private Node captioned(String caption, ObjectProperty<Image> image) {
        Label l = new Label(caption);
        l.getStyleClass().add("ab-caption");
        return new VBox(2, imageView(image), l);
    }

    /** An image view that follows {@code image} and the shared zoom and pan, and drives them. */
    private ImageView imageView(ObjectProperty<Image> image) {
        ImageView v = new ImageView();
        v.setFitWidth(side);
        v.setFitHeight(side);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        Runnable frame = () -> {
            Image i = image.get();
            v.setImage(i);
            if (i != null) {
                double w = i.getWidth() / model.zoomProperty().get();
                double h = i.getHeight() / model.zoomProperty().get();
                v.setViewport(new Rectangle2D(model.centerXProperty().get() * i.getWidth() - w / 2,
                        model.centerYProperty().get() * i.getHeight() - h / 2, w, h));
            }
        };
        subscriptions.add(image.subscribe(i -> frame.run()));
        subscriptions.add(model.zoomProperty().subscribe(z -> frame.run()));
        subscriptions.add(model.centerXProperty().subscribe(x -> frame.run()));
        subscriptions.add(model.centerYProperty().subscribe(y -> frame.run()));
        v.setOnScroll(e -> model.zoomBy(e.getDeltaY() > 0 ? 1.25 : 0.8));
        v.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        v.setOnMouseDragged(e -> {
            double w = v.getLayoutBounds().getWidth();
            double h = v.getLayoutBounds().getHeight();
            model.panBy((e.getX() - dragX) / w, (e.getY() - dragY) / h);
            dragX = e.getX();
            dragY = e.getY();
        });
        return v;
    }

    private Node buildSettingsTable() {
        TableView<SettingDifference> table = new TableView<>(model.settingsDifferences());
        table.setId("ab-settings");
        table.getStyleClass().add("ab-settings");
        table.setPrefHeight(160);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("the two have the same settings"));
        table.getColumns().add(column("setting", SettingDifference::setting));
        table.getColumns().add(column("A", SettingDifference::left));
        table.getColumns().add(column("B", SettingDifference::right));
        return table;
    }

    private static TableColumn<SettingDifference, String> column(String title,
                                                                 Function<SettingDifference, String> value) {
        TableColumn<SettingDifference, String> c = new TableColumn<>(title);
        c.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        c.setSortable(false);
        return c;
    }

    private Node buildWords() {
        VBox box = new VBox(4);
        box.setId("ab-words");
        box.getStyleClass().add("ab-words");
        ListChangeListener<AbModel.FieldWords> redraw = c -> {
            box.getChildren().clear();
            for (AbModel.FieldWords f : model.fieldWords()) {
                TextFlow flow = new TextFlow();
                flow.setId("ab-words-" + f.field().axisName());
                Text name = new Text(f.field().axisName() + ":  ");
                name.getStyleClass().add("word-field");
                flow.getChildren().add(name);
                for (DiffWord w : f.words()) {
                    Text t = new Text(w.text() + " ");
                    t.getStyleClass().add("word-" + w.change().name().toLowerCase(Locale.ROOT));
                    flow.getChildren().add(t);
                }
                box.getChildren().add(flow);
            }
        };
        model.fieldWords().addListener(redraw);
        subscriptions.add(() -> model.fieldWords().removeListener(redraw));
        redraw.onChanged(null);
        return box;
    }
}
