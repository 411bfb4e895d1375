package dev.atelier.ui.canvas;

import dev.atelier.image.LatentPreview;
import dev.atelier.image.PixelImage;
import dev.atelier.pipeline.StepState;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Renders a core {@link StepState} for the canvas and the timeline: the pipeline's x0 preview and
 * the noisy latents (through the model's preview table, else channel 0 in grey), enlarged with
 * {@link Previews}. Renders are cached per step, so scrubbing back and forth costs nothing; the
 * cache lets go of a step once the timeline does.
 */
public final class StepImages {
    private final Map<StepState, PixelImage> latents = new WeakHashMap<>();
    private final Map<StepState, PixelImage> predicted = new WeakHashMap<>();
    private LatentPreview table;

    /** The preview table of the model now running; null renders latents in grey. */
    void useTable(LatentPreview value) {
        if (value != table) {
            table = value;
            latents.clear();
        }
    }

    /** The predicted clean image of a step, or null when the pipeline gave none. */
    public PixelImage predicted(StepState s) {
        if (s.preview() == null) {
            return null;
        }
        return predicted.computeIfAbsent(s, k -> Previews.enlarge(k.preview()));
    }

    /** The noisy latents of a step as RGB. */
    public PixelImage latents(StepState s) {
        return latents.computeIfAbsent(s, k -> Previews.enlarge(table != null && table.channels() == k.channels()
                ? table.render(k.latents(), k.channels(), k.height(), k.width())
                : firstChannel(k.latents(), k.height(), k.width())));
    }

    /** The x0 preview when wanted and present, else the latents. */
    PixelImage shown(StepState s, boolean wantPredicted) {
        PixelImage x0 = wantPredicted ? predicted(s) : null;
        return x0 != null ? x0 : latents(s);
    }

    /** Grey rendering of channel 0 for models whose channel count no preview table covers. */
    static PixelImage firstChannel(float[] values, int h, int w) {
        byte[] rgb = new byte[h * w * 3];
        for (int i = 0; i < h * w; i++) {
            float v = Math.max(-1f, Math.min(1f, values[i] / 4f));
            byte b = (byte) (int) ((v + 1f) * 127.5f + 0.5f);
            rgb[i * 3] = b;
            rgb[i * 3 + 1] = b;
            rgb[i * 3 + 2] = b;
        }
        return new PixelImage(w, h, rgb);
    }

    /** "step 3/20", counting from one as people do. */
    static String label(StepState s) {
        return "step " + (s.index() + 1) + "/" + s.total();
    }
}
