package dev.atelier.ui;

import dev.atelier.image.LatentPreview;
import dev.atelier.image.PixelImage;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.DiffusionPipeline;
import dev.atelier.pipeline.GenerationCancelledException;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.ParametersText;
import dev.atelier.pipeline.StepState;
import dev.atelier.prompt.Emphasis;
import dev.atelier.scheduler.SchedulerKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The real engine behind the window: one {@link DiffusionPipeline} kept open for the last model
 * folder and device (sessions stay loaded between runs), replaced when either changes. Used from
 * the single background executor only.
 */
public final class PipelineGenerationService implements GenerationService {
    private DiffusionPipeline pipeline;
    private LatentPreview latentPreview;
    private Path dir;
    private Device device;

    @Override
    public GenerationOutcome generate(GenerationJob job, Consumer<StepFrame> onStep, CancelFlag cancel) {
        DiffusionPipeline p = pipelineFor(job.modelDir(), job.device());
        GenerationRequest request = new GenerationRequest(job.prompt(), job.negativePrompt(), job.seed(), job.steps(),
                job.guidance(), job.scheduler() == null ? null : SchedulerKind.fromCliName(job.scheduler()), null,
                job.width(), job.height(), Emphasis.ORIGINAL);
        LatentPreview latents = latentPreview;
        try {
            GenerationResult result = p.generate(request, state -> onStep.accept(frame(state, latents)), cancel);
            List<String> notes = new ArrayList<>(result.warnings());
            return new GenerationOutcome(result.image(), ParametersText.text(result), job, String.join("; ", notes));
        } catch (GenerationCancelledException e) {
            throw new CancellationException(e.getMessage());
        } catch (OutOfMemoryError e) {
            // an Error would end the job runner's thread with a stack trace: one line like any failure
            throw new IllegalStateException("ran out of memory (" + e.getMessage() + "); try a smaller size", e);
        } catch (StackOverflowError e) {
            throw new IllegalStateException("the input is nested too deeply to process (stack overflow)", e);
        }
    }

    /**
     * Latents and the pipeline's x0 preview, rendered at latent resolution and enlarged here on the
     * worker (bilinear), so the FX thread only shows them.
     */
    static StepFrame frame(StepState s, LatentPreview latents) {
        PixelImage noisy = latents != null && latents.channels() == s.channels()
                ? latents.render(s.latents(), s.channels(), s.height(), s.width()) : null;
        PixelImage x0 = s.preview() == null ? null : Previews.enlarge(s.preview());
        noisy = noisy != null ? Previews.enlarge(noisy) : x0 != null ? x0
                : Previews.enlarge(firstChannel(s.latents(), s.height(), s.width()));
        return new StepFrame(s.index(), s.total(), s.timestep(), noisy, x0, s.stepNanos());
    }

    /** Grey rendering of channel 0 for models whose channel count no preview table covers. */
    static PixelImage firstChannel(float[] latents, int h, int w) {
        byte[] rgb = new byte[h * w * 3];
        for (int i = 0; i < h * w; i++) {
            float v = Math.max(-1f, Math.min(1f, latents[i] / 4f));
            byte b = (byte) (int) ((v + 1f) * 127.5f + 0.5f);
            rgb[i * 3] = b;
            rgb[i * 3 + 1] = b;
            rgb[i * 3 + 2] = b;
        }
        return new PixelImage(w, h, rgb);
    }

    private DiffusionPipeline pipelineFor(Path modelDir, Device wanted) {
        Path normalized = modelDir.toAbsolutePath().normalize();
        if (pipeline != null && normalized.equals(dir) && wanted == device) {
            return pipeline;
        }
        close();
        ModelFolder folder = ModelFolder.open(normalized);
        pipeline = new DiffusionPipeline(folder, wanted);
        latentPreview = pipeline.latentPreview();
        dir = normalized;
        device = wanted;
        return pipeline;
    }

    @Override
    public void close() {
        if (pipeline != null) {
            DiffusionPipeline p = pipeline;
            pipeline = null;
            dir = null;
            device = null;
            p.close();
        }
    }
}
