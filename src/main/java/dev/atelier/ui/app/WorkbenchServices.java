package dev.atelier.ui.app;

import dev.atelier.onnx.Device;
import dev.atelier.ui.controls.ModelCatalog;
import dev.atelier.ui.controls.ModelResourceLoader;
import dev.atelier.ui.history.ImageSaver;

import java.util.Objects;
import java.util.function.Function;

/**
 * The non-UI collaborators of the workbench, built once in {@link WorkbenchApp} (or by a test).
 *
 * @param deviceCheck device → note shown next to the picker ("CUDA unavailable: runs on CPU"), "" when fine;
 *                    may be slow (loads the native runtime), so it is called off the UI thread
 */
public record WorkbenchServices(ModelCatalog catalog, ModelResourceLoader loader, SettingsStore settings,
                                ImageSaver saver, Function<Device, String> deviceCheck) {
    public WorkbenchServices {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(saver, "saver");
        Objects.requireNonNull(deviceCheck, "deviceCheck");
    }
}
