package dev.atelier.pipeline;

import dev.atelier.image.LatentPreview;
import dev.atelier.image.PixelImage;
import dev.atelier.onnx.Component;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelFolderException;
import dev.atelier.onnx.ModelGeometry;
import dev.atelier.onnx.ModelSessions;
import dev.atelier.onnx.OnnxModel;
import dev.atelier.onnx.TensorSpec;
import dev.atelier.scheduler.Scheduler;
import dev.atelier.scheduler.Schedulers;
import dev.atelier.scheduler.StepResult;
import dev.atelier.scheduler.TorchGenerator;


/** The state of one generation as it moves through the {@link Stage}s; used once. */
final class GenerationRun {
    private final ModelFolder folder;
    private final ModelSessions sessions;
    private final PromptEncoder prompts;
    private final LatentPreview preview;
    private final GenerationRequest request;
    private final SchedulerChoice choice;
    private final StepListener listener;
    private final CancelFlag cancel;
    private final int channels;
    private final int height;
    private final int width;
    /** CFG as two batch-1 calls, and the decode's latent tile side (0 = whole). */
    private final MemoryPlan plan;

    private Conditioning text;
    private Scheduler scheduler;
    private TorchGenerator generator;
    private float[] latents;
    private PixelImage image;
    private StepState last;
    private long[] stepNanos = new long[0];
    private long[] stepOrtNanos = new long[0];
    private long previewNanos;

    GenerationRun(ModelFolder folder, ModelSessions sessions, PromptEncoder prompts, LatentPreview preview,
                  GenerationRequest request, SchedulerChoice choice, StepListener listener, CancelFlag cancel,
                  MemoryPlan plan) {
        this.plan = plan;
        this.folder = folder;
        this.sessions = sessions;
        this.prompts = prompts;
        this.preview = preview;
        this.request = request;
        this.choice = choice;
        this.listener = listener;
        this.cancel = cancel;
        ModelGeometry g = folder.geometry();
        this.channels = g.latentChannels();
        this.height = request.height() / g.vaeScaleFactor();
        this.width = request.width() / g.vaeScaleFactor();
    }

    void run(Stage stage) {
        checkCancel();
        switch (stage) {
            case ENCODE_PROMPT -> encodePrompt();
            case PREPARE_LATENTS -> prepareLatents();
            case DENOISE -> denoise();
            case DECODE -> decode();
        }
    }

    private void encodePrompt() {
        boolean guided = GenerationLimits.guided(folder, request.guidance());
        text = prompts.encode(sessions, request.prompt(), request.negativePrompt(), guided, request.emphasis());
    }

    /** {@code randn · init_noise_sigma} from the seeded torch generator that also feeds the scheduler. */
    private void prepareLatents() {
        scheduler = Schedulers.create(choice.kind(), choice.config(), request.steps());
        generator = new TorchGenerator(request.seed());
        latents = generator.randn(channels * height * width);
        float sigma = scheduler.initNoiseSigma();
        if (!Float.isFinite(sigma)) {
            throw new ModelFolderException(schedulerConfig(), "the noise schedule is not finite (initial sigma "
                    + sigma + "); check the betas and timestep settings");
        }
        for (int i = 0; i < latents.length; i++) {
            latents[i] *= sigma;
        }
    }

    private void denoise() {
        double[] timesteps = scheduler.timesteps();
        stepNanos = new long[timesteps.length];
        stepOrtNanos = new long[timesteps.length];
        boolean wantsState = listener != StepListener.NONE;
        boolean wantsPreview = wantsState && listener.wantsPreview() && preview.channels() == channels;
        OnnxModel unetModel = sessions.model(Component.UNET);
        try (UnetRunner unet = new UnetRunner(unetModel, text, (float) request.guidance(), plan.splitCfg(),
                channels, height, width, timeIds(), timestepCond())) {
            for (int i = 0; i < timesteps.length; i++) {
                checkCancel();
                long s0 = System.nanoTime();
                long o0 = unetModel.runNanos();
                boolean lastStep = i == timesteps.length - 1;
                float[] modelOut = unet.predict(scheduler.scaleModelInput(latents, i), timesteps[i], lastStep);
                if (!finite(modelOut)) {
                    throw new ModelFolderException(folder.onnxFile(Component.UNET), "the U-Net output NaN or "
                            + "infinity at step " + (i + 1) + " of " + timesteps.length + "; its weights may be damaged");
                }
                StepResult r = scheduler.step(modelOut, i, latents, generator);
                latents = r.prevSample();
                if (!finite(latents)) {
                    throw new ModelFolderException(schedulerConfig(), "the scheduler's arithmetic gave NaN or "
                            + "infinity at step " + (i + 1) + " of " + timesteps.length
                            + "; check the betas and timestep settings");
                }
                if (wantsState) {
                    PixelImage p = null;
                    if (wantsPreview) {
                        long p0 = System.nanoTime();
                        p = preview.render(r.predOriginal(), channels, height, width);
                        previewNanos += System.nanoTime() - p0;
                    }
                    last = new StepState(i, timesteps.length, timesteps[i], latents, r.predOriginal(), channels,
                            height, width, p, System.nanoTime() - s0);
                    listener.onStep(last);
                }
                stepNanos[i] = System.nanoTime() - s0;
                stepOrtNanos[i] = unetModel.runNanos() - o0;
            }
        }
    }

    /** {@code latents / scaling_factor} through the VAE decoder, then diffusers' 8-bit conversion. */
    private void decode() {
        OnnxModel vae = sessions.model(Component.VAE_DECODER);
        float scaling = folder.geometry().scalingFactor();
        float[] z = new float[latents.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = latents[i] / scaling;
        }
        VaeDecoder decoder = new VaeDecoder(vae);
        int decodeTile = plan.decodeTile();
        VaeDecoder.Decoded img = decodeTile > 0 ? decoder.tiled(z, channels, height, width, decodeTile)
                : decoder.whole(z, channels, height, width);
        if (!finite(img.chw())) {
            throw new ModelFolderException(vae.file(), "the VAE decoder output NaN or infinity; its weights may be"
                    + " damaged");
        }
        if (img.channels() < 3) {
            throw new ModelFolderException(vae.file(), "decoder output has " + img.channels()
                    + " channels; expected 3 (RGB)");
        }
        image = ImageConversion.toPixels(img.chw(), img.channels(), img.height(), img.width());
    }
    /** SDXL {@code add_time_ids}: original size, crop top-left, target size. */
    private float[] timeIds() {
        return new float[] {request.height(), request.width(), 0, 0, request.height(), request.width()};
    }

    /** LCM's guidance embedding of w = guidance − 1, sized as the U-Net declares (or its config says). */
    private float[] timestepCond() {
        var spec = sessions.model(Component.UNET).input("timestep_cond");
        if (spec.isEmpty()) {
            return null;
        }
        TensorSpec s = spec.get();
        int dim = s.rank() == 2 && !s.isDynamic(1) ? (int) s.dim(1)
                : ((Number) folder.unetConfig().getOrDefault("time_cond_proj_dim", 256)).intValue();
        return GuidanceEmbedding.of((float) (request.guidance() - 1), dim);
    }

    /** One pass; NaN and infinity would otherwise become an all-black image without a word. */
    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private java.nio.file.Path schedulerConfig() {
        return folder.root().resolve("scheduler").resolve("scheduler_config.json");
    }

    private void checkCancel() {
        if (cancel.isCancelled()) {
            throw new GenerationCancelledException(last);
        }
    }

    PixelImage image() {
        return image;
    }

    long[] stepNanos() {
        return stepNanos;
    }

    long[] stepOrtNanos() {
        return stepOrtNanos;
    }

    long previewNanos() {
        return previewNanos;
    }
}
