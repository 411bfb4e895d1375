package dev.atelier.ui.history;

import dev.atelier.history.HistoryExport;
import dev.atelier.history.HistoryQuery;
import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistorySearchException;
import dev.atelier.history.HistoryStore;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.ui.common.Notifier;
import dev.atelier.ui.common.UserMessages;
import javafx.collections.ListChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The history browser's behaviour: every store query and change runs on the history executor
 * (never the FX thread); results come back on the UI executor, latest-wins (an older query's
 * answer is dropped when a newer one was asked meanwhile). A finished generation refreshes it.
 */
public final class HistoryBrowserController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryBrowserController.class);
    /** Rows listed at most; the grid is virtualised, so all of them can be shown. */
    static final int MAX_ROWS = HistoryQuery.MAX_LIMIT;

    private final HistoryBrowserModel model;
    private final CompletableFuture<HistoryStore> store;
    private final Executor worker;
    private final Executor ui;
    private final RestorePort workbench;
    private final Notifier notifier;
    private final Consumer<Path> openFolder;
    private final AtomicLong generation = new AtomicLong();
    private final ListChangeListener<HistoryEntry> onFinished;

    public HistoryBrowserController(HistoryBrowserModel model, CompletableFuture<HistoryStore> store, Executor worker,
                                    Executor ui, RestorePort workbench, Notifier notifier,
                                    Consumer<Path> openFolder) {
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.openFolder = Objects.requireNonNull(openFolder, "openFolder");
        this.onFinished = c -> refresh();
        workbench.history().addListener(onFinished);
        store.whenComplete((s, failure) -> ui.execute(() -> {
            if (failure != null) {
                model.loadingProperty().set(false);
                model.statusProperty().set("history unavailable");
            } else {
                refresh();
            }
        }));
    }

    public HistoryBrowserModel model() {
        return model;
    }

    /** Runs the current search and filters again (off the FX thread); the newest request wins. */
    public void refresh() {
        long ticket = generation.incrementAndGet();
        String text = model.searchProperty().get();
        String modelName = HistoryBrowserModel.ANY_MODEL.equals(model.modelProperty().get()) ? null : model.modelProperty().get();
        HistoryQuery query = new HistoryQuery(text, modelName, model.favouritesOnlyProperty().get(), null, null, false,
                MAX_ROWS, 0);
        model.loadingProperty().set(true);
        onStore(s -> {
            try {
                List<HistoryRecord> rows = s.list(query);
                TreeSet<String> names = new TreeSet<>();
                rows.forEach(r -> names.add(r.modelName()));
                ui.execute(() -> {
                    if (ticket == generation.get()) {
                        model.rows().setAll(rows);
                        // the filter offers every model seen so far (a filtered list shows only some)
                        model.models().stream().skip(1).forEach(names::add);
                        List<String> models = new java.util.ArrayList<>(List.of(HistoryBrowserModel.ANY_MODEL));
                        models.addAll(names);
                        if (!model.models().equals(models)) {
                            String chosen = model.modelProperty().get();
                            model.models().setAll(models);
                            model.modelProperty().set(chosen); // the ComboBox may clear it on setAll
                        }
                        model.statusProperty().set(rows.size() + (rows.size() == 1 ? " image" : " images")
                                + (rows.size() == MAX_ROWS ? " (newest shown)" : ""));
                        model.loadingProperty().set(false);
                    }
                });
            } catch (HistorySearchException e) {
                ui.execute(() -> {
                    if (ticket == generation.get()) {
                        model.rows().clear();
                        model.statusProperty().set(e.getMessage());
                        model.loadingProperty().set(false);
                    }
                });
            }
        });
    }

    /** Stars or un-stars a row. */
    public void setFavourite(HistoryRecord row, boolean favourite) {
        onStore(s -> {
            s.setFavourite(row.id(), favourite);
            ui.execute(this::refresh);
        });
    }

    /** Moves the rows' images to the data folder's trash and marks them deleted. */
    public void delete(Collection<HistoryRecord> rows) {
        List<Long> ids = rows.stream().map(HistoryRecord::id).toList();
        onStore(s -> {
            ids.forEach(s::delete);
            ui.execute(() -> {
                notifier.info("Moved " + ids.size() + (ids.size() == 1 ? " image" : " images") + " to the trash.");
                refresh();
            });
        });
    }

    /** Writes the rows' PNGs and one settings.csv / settings.json into {@code dir}. */
    public void export(Collection<HistoryRecord> rows, Path dir) {
        List<HistoryRecord> chosen = List.copyOf(rows);
        onStore(s -> {
            try {
                HistoryExport.Summary done = HistoryExport.export(chosen, dir);
                ui.execute(() -> notifier.info("Exported " + done.images() + " images with their settings to " + dir
                        + (done.missing().isEmpty() ? "" : "; missing files: " + done.missing())));
            } catch (java.io.IOException e) {
                ui.execute(() -> notifier.error("Could not export to " + dir + ": " + e.getMessage()));
            }
        });
    }

    /** Shows the folder the row's image is in. */
    public void openFolder(HistoryRecord row) {
        Path folder = row.imageFile().toAbsolutePath().getParent();
        if (folder != null) {
            openFolder.accept(folder);
        }
    }

    /** Reads the row's image off the FX thread, then restores prompt, fields, settings and image. */
    public void restore(HistoryRecord row) {
        worker.execute(() -> {
            PixelImage image = null;
            try {
                image = PngFiles.read(row.imageFile()).image();
            } catch (java.io.IOException | RuntimeException e) {
                LOG.info("History image {} not readable: {}", row.imageFile(), e.toString());
            }
            PixelImage shown = image;
            ui.execute(() -> {
                workbench.restore(row, shown);
                if (shown == null) {
                    notifier.info("The image of #" + row.id() + " is missing; its prompt and settings are restored.");
                }
            });
        });
    }

    /** Runs {@code work} on the history executor once the store is open; failures become one notice. */
    private void onStore(Consumer<HistoryStore> work) {
        store.thenAcceptAsync(s -> {
            try {
                work.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("History operation failed", e);
                ui.execute(() -> {
                    model.loadingProperty().set(false);
                    notifier.error(UserMessages.describe(e));
                });
            }
        }, worker);
    }

    @Override
    public void close() {
        workbench.history().removeListener(onFinished);
    }
}
