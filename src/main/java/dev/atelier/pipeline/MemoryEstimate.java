package dev.atelier.pipeline;

import dev.atelier.onnx.Component;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelGeometry;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peak memory of one generation, estimated from the model's geometry before anything runs.
 * The U-Net's cost is dominated by self-attention at its highest-resolution attention level: a
 * {@code batch × heads × tokens²} float matrix (plus softmax and copies), so it grows with the
 * fourth power of the side. The decode grows with the pixel count (full-resolution feature maps)
 * plus the VAE mid-block's one-head attention over the latent cells.
 *
 * <p>Calibrated on max RSS of 2-step generations (docs/ENGINE.md has the table). Above the loaded
 * base the U-Net stage holds 2.2–2.6 × the attention matrix on the embedded {@code tiny-shapes}
 * (384²–640²) and on the SD 1.5-shaped benchmark model at 512², but 5.3 × on the latter at 384²:
 * ONNX Runtime's arena grows in power-of-two regions, so the factor depends on where a size falls.
 * {@link #ATTENTION_FACTOR} covers that worst case, so the estimate errs high at most sizes (a
 * refusal or a split CFG too early, never an out-of-memory crash). Loaded sessions hold about
 * 1.3 × their files (ORT's pre-packed weight copies beside the weights).
 *
 * @param baseBytes   JVM, ONNX Runtime and the loaded sessions (weights and their pre-packed copies)
 * @param unetBytes   the U-Net's working memory at this size
 * @param decodeBytes the VAE decoder's working memory at this size
 */
public record MemoryEstimate(long baseBytes, long unetBytes, long decodeBytes) {
    /** Resident bytes per attention-matrix byte, measured 2.2–5.3 (see above): the worst case, with a margin. */
    static final double ATTENTION_FACTOR = 5.5;
    /** Resident bytes of a loaded session per byte of its ONNX file (measured 1.3 on the SD 1.5-shaped model). */
    static final double WEIGHT_FACTOR = 1.3;
    /** The JVM and ONNX Runtime before any model is loaded (measured ~180 MiB). */
    static final long RUNTIME_BYTES = 200L << 20;
    /** Feature maps alive at once per pixel and channel in the decoder's last block. */
    static final int DECODE_MAPS = 3;
    private static final List<Integer> SD_BLOCKS = List.of(320, 640, 1280, 1280);
    private static final int FLOAT = 4;

    public MemoryEstimate {
        if (baseBytes < 0 || unetBytes < 0 || decodeBytes < 0) {
            throw new IllegalArgumentException("memory estimates must not be negative");
        }
    }

    /** The larger of the two stages on top of the base: the U-Net's buffers are freed before decoding. */
    public long peakBytes() {
        return baseBytes + Math.max(unetBytes, decodeBytes);
    }

    /** Peak of the U-Net stage alone. */
    public long unetPeakBytes() {
        return baseBytes + unetBytes;
    }

    /** Peak of the decode stage alone. */
    public long decodePeakBytes() {
        return baseBytes + decodeBytes;
    }

    /** The estimate for {@code width × height} on {@code folder}, with CFG's batch of two when {@code guided}. */
    public static MemoryEstimate of(ModelFolder folder, int width, int height, boolean guided) {
        ModelGeometry g = folder.geometry();
        Map<String, Object> unet = folder.unetConfig();
        long latentCells = (long) (width / g.vaeScaleFactor()) * (height / g.vaeScaleFactor());
        int batch = guided ? 2 : 1;
        List<Integer> blocks = ints(unet.get("block_out_channels"), SD_BLOCKS);
        int level = firstAttentionLevel(unet.get("down_block_types"));
        long tokens = Math.max(1, latentCells >> (2 * level));
        long heads = heads(unet, level, blocks);
        double attention = (double) batch * heads * tokens * tokens * FLOAT;
        double maps = (double) batch * latentCells * blocks.getFirst() * FLOAT * 4; // a few resnet maps per level
        long unetBytes = saturated(ATTENTION_FACTOR * attention + maps);
        return new MemoryEstimate(RUNTIME_BYTES + saturated(WEIGHT_FACTOR * weightBytes(folder)), unetBytes,
                decodeBytes((long) width * height, latentCells));
    }

    /**
     * SD's decoder keeps a few 128-channel maps at full resolution and runs one-head attention over
     * the latent cells in its mid block (an upper bound for decoders without it).
     */
    static long decodeBytes(long pixels, long latentCells) {
        return saturated((double) pixels * 128 * FLOAT * DECODE_MAPS + 2.0 * latentCells * latentCells * FLOAT);
    }

    /** Whether the request fits {@code budgetBytes}, decoding in tiles when only the whole decode would not. */
    public boolean fits(ModelFolder folder, int width, int height, long budgetBytes) {
        return unetPeakBytes() <= budgetBytes
                && (decodePeakBytes() <= budgetBytes || decodeTile(folder, width, height, budgetBytes) > 0);
    }

    /**
     * The latent tile side for decoding {@code width × height} within {@code budgetBytes}: 0 when the
     * whole decode fits, -1 when tiling cannot help (not even a {@link VaeDecoder#MIN_TILE} tile fits,
     * or the decoder graph has a fixed size).
     */
    public int decodeTile(ModelFolder folder, int width, int height, long budgetBytes) {
        if (decodePeakBytes() <= budgetBytes) {
            return 0;
        }
        if (!dynamicDecoder(folder)) {
            return -1;
        }
        int f = folder.geometry().vaeScaleFactor();
        int side = Math.max(width, height) / f;
        for (int tile = side - 1; tile >= VaeDecoder.MIN_TILE; tile--) {
            long cells = (long) tile * tile;
            if (baseBytes + decodeBytes(cells * f * f, cells) <= budgetBytes) {
                return tile;
            }
        }
        return -1;
    }

    private static boolean dynamicDecoder(ModelFolder folder) {
        if (!folder.has(Component.VAE_DECODER)) {
            return false;
        }
        return folder.signature(Component.VAE_DECODER).input("latent_sample")
                .filter(s -> s.rank() == 4 && s.isDynamic(2) && s.isDynamic(3)).isPresent();
    }

    /** Diffusers reads {@code attention_head_dim} as the head count when {@code num_attention_heads} is absent. */
    private static long heads(Map<String, Object> unet, int level, List<Integer> blocks) {
        Object value = unet.containsKey("num_attention_heads") && unet.get("num_attention_heads") != null
                ? unet.get("num_attention_heads") : unet.get("attention_head_dim");
        List<Integer> perLevel = ints(value, List.of());
        if (value instanceof Number n) {
            perLevel = List.of(n.intValue());
        }
        if (perLevel.isEmpty()) {
            return 8;
        }
        int h = perLevel.get(Math.min(level, perLevel.size() - 1));
        int channels = blocks.get(Math.min(level, blocks.size() - 1));
        return Math.max(1, Math.min(h, channels)); // more heads than channels cannot exist
    }

    private static int firstAttentionLevel(Object downBlockTypes) {
        if (downBlockTypes instanceof List<?> types) {
            for (int i = 0; i < types.size(); i++) {
                if (String.valueOf(types.get(i)).contains("Attn")) {
                    return i;
                }
            }
        }
        return 0;
    }

    private static List<Integer> ints(Object value, List<Integer> fallback) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return fallback;
        }
        for (Object o : list) {
            if (!(o instanceof Number n) || n.intValue() < 1) {
                return fallback;
            }
        }
        return list.stream().map(o -> ((Number) o).intValue()).toList();
    }

    private static long weightBytes(ModelFolder folder) {
        long sum = 0;
        for (Component c : Component.values()) {
            if (c.isOnnx() && folder.has(c)) {
                try {
                    sum += Files.size(folder.onnxFile(c));
                } catch (IOException e) {
                    // the session load reports an unreadable file with its own message
                }
            }
        }
        return sum;
    }

    private static long saturated(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
    }

    /** {@code bytes} for people: "1.4 GiB", "620 MiB". */
    public static String readable(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return (bytes >> 20) + " MiB";
    }
}
