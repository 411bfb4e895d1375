package dev.atelier.pipeline;

import dev.atelier.image.LatentPreview;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelFolderException;

import java.io.IOException;

/** Picks the latent→RGB preview table for a model: its own JSON table if it ships one, else the family's. */
public final class PreviewTables {
    private PreviewTables() {
    }

    /** @throws ModelFolderException when the folder's table is present but unreadable or malformed */
    public static LatentPreview forModel(ModelFolder folder) {
        var file = folder.latentPreviewFile();
        if (file.isPresent()) {
            try {
                return LatentPreview.fromJson(file.get());
            } catch (IOException | IllegalArgumentException e) {
                throw new ModelFolderException(file.get(), "invalid latent preview table (" + e.getMessage()
                        + "); expected {\"latent_rgb_factors\": [[r,g,b] per channel], \"latent_rgb_bias\": [r,g,b]}");
            }
        }
        return folder.family().isXl() ? LatentPreview.sdxl() : LatentPreview.sd15();
    }
}
