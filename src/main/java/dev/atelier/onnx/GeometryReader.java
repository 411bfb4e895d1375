package dev.atelier.onnx;

import java.nio.file.Path;
import java.util.Map;

/**
 * Derives {@link ModelGeometry} and {@link ModelDefaults} from a folder's configs and U-Net signature.
 * Every number is checked against a sane range naming the file and key before it is used: a
 * {@code block_out_channels} of 33 entries would otherwise shift the VAE scale factor round to 1
 * and make an ordinary size ask for gigabytes.
 */
final class GeometryReader {
    /** 2^5 = 32 pixels per latent cell; Stable Diffusion's VAEs use 8 (four blocks). */
    private static final int MAX_BLOCKS = 6;
    private static final int MAX_CHANNELS = 64;
    /** Latent cells per side of the native size (SDXL: 128). */
    private static final int MAX_SAMPLE_SIZE = 1024;
    /** Pixels per side; generation itself is limited further. */
    private static final int MAX_PIXELS = 16384;

    private final Path root;
    private final ModelFamily family;
    private final Signature unet;

    GeometryReader(Path root, ModelFamily family, Signature unet) {
        this.root = root;
        this.family = family;
        this.unet = unet;
    }

    ModelGeometry read(Map<String, Object> unetConfig, Map<String, Object> vaeConfig, Map<String, Object> atelier) {
        Path unetFile = root.resolve("unet").resolve("config.json");
        Path vaeFile = root.resolve("vae_decoder").resolve("config.json");
        Path atelierFile = root.resolve("atelier.json");
        int vaeScale = 1 << (JsonFiles.listSize(vaeFile, vaeConfig, "block_out_channels", 1, MAX_BLOCKS).orElse(4) - 1);
        float scaling = JsonFiles.number(vaeFile, vaeConfig, "scaling_factor", 1e-6, 1e6).map(Double::floatValue)
                .orElse(family.defaultScalingFactor());
        TensorSpec sample = unet.input("sample").orElseThrow();
        int channels = sample.dim(1) > 0 ? graphDim(sample, 1, MAX_CHANNELS)
                : JsonFiles.integer(unetFile, unetConfig, "in_channels", 1, MAX_CHANNELS).orElse(4);
        int unetDown = 1 << (JsonFiles.listSize(unetFile, unetConfig, "block_out_channels", 1, MAX_BLOCKS).orElse(4) - 1);
        int multiple = JsonFiles.integer(atelierFile, atelier, "size_multiple", 1, 1024)
                .or(() -> JsonFiles.integer(unetFile, unetConfig, "size_multiple", 1, 1024))
                .orElse(vaeScale * unetDown);
        int fallback = family.isXl() && family != ModelFamily.SDXL_TURBO ? 1024 : 512;
        var sampleSize = JsonFiles.integer(unetFile, unetConfig, "sample_size", 1, MAX_SAMPLE_SIZE);
        int sampleW = sampleSize.map(s -> s * vaeScale)
                .orElse(sample.dim(3) > 0 ? graphDim(sample, 3, MAX_SAMPLE_SIZE) * vaeScale : fallback);
        int sampleH = sampleSize.map(s -> s * vaeScale)
                .orElse(sample.dim(2) > 0 ? graphDim(sample, 2, MAX_SAMPLE_SIZE) * vaeScale : fallback);
        return new ModelGeometry(channels, vaeScale, scaling, multiple, sampleW, sampleH);
    }

    /** A fixed dimension of the U-Net's declared {@code sample} input, checked against {@code max}. */
    private int graphDim(TensorSpec sample, int axis, int max) {
        long d = sample.dim(axis);
        if (d > max) {
            throw new ModelFolderException(root.resolve("unet").resolve("model.onnx"), "input 'sample' declares "
                    + d + " at axis " + axis + "; expected at most " + max);
        }
        return (int) d;
    }

    static ModelDefaults defaults(Path atelierFile, Map<String, Object> atelier, ModelGeometry g) {
        return new ModelDefaults(
                JsonFiles.integer(atelierFile, atelier, "default_steps", 1, 1000).orElse(ModelDefaults.FALLBACK_STEPS),
                JsonFiles.number(atelierFile, atelier, "default_guidance", 0, 100).orElse(ModelDefaults.FALLBACK_GUIDANCE),
                JsonFiles.string(atelier, "default_scheduler").orElse(null),
                JsonFiles.integer(atelierFile, atelier, "width", 1, MAX_PIXELS).orElse(g.sampleWidth()),
                JsonFiles.integer(atelierFile, atelier, "height", 1, MAX_PIXELS).orElse(g.sampleHeight()));
    }
}
