package dev.atelier.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatentPreviewTest {
    /** ComfyUI's latent→RGB factor tables, pinned from the shared reference notes (see the README beside it). */
    private static final String PREVIEW = "/reference/PREVIEW.md";

    @TempDir
    Path dir;

    /** The straightforward formula in doubles: clamp(Σ l·f + bias, −1, 1) → round((x+1)·127.5). */
    private static byte[] expected(float[] latents, double[][] factors, double[] bias, int pixels) {
        byte[] rgb = new byte[pixels * 3];
        for (int i = 0; i < pixels; i++) {
            for (int k = 0; k < 3; k++) {
                double x = bias == null ? 0 : bias[k];
                for (int c = 0; c < factors.length; c++) {
                    x += latents[c * pixels + i] * factors[c][k];
                }
                x = Math.max(-1, Math.min(1, x));
                rgb[i * 3 + k] = (byte) Math.round((x + 1) * 127.5);
            }
        }
        return rgb;
    }

    private static float[] randomLatents(int n, long seed) {
        Random random = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * 1.5);
        }
        return out;
    }

    private static void assertCloseToFormula(byte[] want, byte[] got) {
        assertEquals(want.length, got.length);
        int exact = 0;
        for (int i = 0; i < want.length; i++) {
            int diff = Math.abs((want[i] & 0xFF) - (got[i] & 0xFF));
            assertTrue(diff <= 1, "byte " + i + ": " + (want[i] & 0xFF) + " vs " + (got[i] & 0xFF));
            exact += diff == 0 ? 1 : 0;
        }
        // float vs double sums may only differ right at a rounding boundary
        assertTrue(exact >= want.length * 0.99, exact + " of " + want.length + " exact");
    }

    @Test
    void planarLayoutClampAndRounding() {
        LatentPreview identity = new LatentPreview(new float[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, null);
        // 3 channels × 1 row × 4 columns: channel planes one after another
        float[] latents = {-1, 0, 1, 2, /* G */ -3, 0.5f, -0.5f, 0, /* B */ 0.2f, 0.2f, 0.2f, 0.2f};
        PixelImage image = identity.render(latents, 3, 1, 4);
        assertEquals(4, image.width());
        assertEquals(1, image.height());
        assertArrayEquals(expected(latents, new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, null, 4), image.rgb());
        assertEquals(0x0000_99, image.rgbAt(0, 0) & 0xFF00FF); // R -1 → 0, B 0.2 → round(153) = 153
        assertEquals(0xFF, image.rgbAt(3, 0) >> 16); // R 2 clamps to 255
    }

    @Test
    void fourChannelPathFollowsFormula() {
        double[][] f = {{0.3, -0.2, 0.1}, {0.05, 0.4, -0.3}, {-0.25, 0.15, 0.35}, {0.2, 0.2, -0.6}};
        float[][] ff = new float[4][3];
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < 3; k++) {
                ff[c][k] = (float) f[c][k];
            }
        }
        float[] latents = randomLatents(4 * 9 * 13, 8);
        assertCloseToFormula(expected(latents, f, new double[]{0.1, 0, -0.1}, 9 * 13),
                new LatentPreview(ff, new float[]{0.1f, 0, -0.1f}).render(latents, 4, 9, 13).rgb());
    }

    @Test
    void biasIsAddedBeforeClamping() {
        LatentPreview p = new LatentPreview(new float[][]{{0.5f, 0.5f, 0.5f}}, new float[]{0.25f, -2f, 2f});
        float[] latents = {1};
        assertArrayEquals(expected(latents, new double[][]{{0.5, 0.5, 0.5}}, new double[]{0.25, -2, 2}, 1),
                p.render(latents, 1, 1, 1).rgb());
    }

    @Test
    void builtInTablesMatchComfyUiReference() throws IOException {
        String doc;
        try (InputStream in = LatentPreviewTest.class.getResourceAsStream(PREVIEW)) {
            assertNotNull(in, "test resource " + PREVIEW);
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        double[][] sd15 = table(doc, "| SD15 |");
        double[][] sdxl = table(doc, "| SDXL (current) |");
        Matcher bias = Pattern.compile("bias `\\[([-0-9.]+),\\s*([-0-9.]+),\\s*([-0-9.]+)]`")
                .matcher(doc.substring(doc.indexOf("| SDXL (current) |")));
        assertTrue(bias.find(), "SDXL bias in PREVIEW.md");
        double[] sdxlBias = {Double.parseDouble(bias.group(1)), Double.parseDouble(bias.group(2)),
                Double.parseDouble(bias.group(3))};
        float[] latents = randomLatents(4 * 32 * 24, 11);
        assertCloseToFormula(expected(latents, sd15, null, 32 * 24), LatentPreview.sd15().render(latents, 4, 24, 32).rgb());
        assertCloseToFormula(expected(latents, sdxl, sdxlBias, 32 * 24),
                LatentPreview.sdxl().render(latents, 4, 24, 32).rgb());
    }

    /** The 4 "| chN | r | g | b |" rows after the table header starting with {@code header}. */
    private static double[][] table(String doc, String header) {
        int at = doc.indexOf(header);
        assertTrue(at >= 0, header + " table in PREVIEW.md");
        double[][] rows = new double[4][3];
        String[] lines = doc.substring(at).split("\n");
        for (int c = 0; c < 4; c++) {
            String[] cells = lines[2 + c].split("\\|");
            assertEquals("ch" + c, cells[1].strip());
            for (int k = 0; k < 3; k++) {
                rows[c][k] = Double.parseDouble(cells[2 + k].strip());
            }
        }
        return rows;
    }

    @Test
    void fromJsonReadsFactorsAndOptionalBias() throws IOException {
        Path json = Files.writeString(dir.resolve("latent_preview.json"), """
                {"latent_rgb_factors": [[0.1, 0.2, 0.3], [-0.4, 0.5, -0.6]], "latent_rgb_bias": [0.05, 0, -0.05]}""");
        LatentPreview p = LatentPreview.fromJson(json);
        assertEquals(2, p.channels());
        float[] latents = randomLatents(2 * 5 * 7, 3);
        assertCloseToFormula(expected(latents, new double[][]{{0.1, 0.2, 0.3}, {-0.4, 0.5, -0.6}},
                new double[]{0.05, 0, -0.05}, 35), p.render(latents, 2, 5, 7).rgb());
        Path noBias = Files.writeString(dir.resolve("nobias.json"), "{\"latent_rgb_factors\": [[1, 1, 1]]}");
        assertEquals(128 * 0x010101, LatentPreview.fromJson(noBias).render(new float[]{0}, 1, 1, 1).rgbAt(0, 0));
    }

    @Test
    void fromJsonErrorsNameFileAndExpectation() throws IOException {
        assertJsonError("{\"latent_rgb_factors\": [[1, 2], [3, 4, 5]]}", "row 0", "3 numbers");
        assertJsonError("{\"latent_rgb_bias\": [0, 0, 0]}", "\"latent_rgb_factors\"", "array");
        assertJsonError("{\"latent_rgb_factors\": [[1, 2, \"x\"]]}", "row 0", "3 numbers");
        assertJsonError("{\"latent_rgb_factors\": [[1, 2, 3]], \"latent_rgb_bias\": [1]}", "latent_rgb_bias", "3 numbers");
        assertJsonError("[1, 2", "not valid JSON", "");
        IOException missing = assertThrows(IOException.class, () -> LatentPreview.fromJson(dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("none.json"), missing.getMessage());
    }

    private void assertJsonError(String content, String what, String expectation) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), content);
        IOException e = assertThrows(IOException.class, () -> LatentPreview.fromJson(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(what)
                && e.getMessage().contains(expectation), e.getMessage());
    }

    @Test
    void shapeErrorsAreClear() {
        LatentPreview p = LatentPreview.sd15();
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> p.render(new float[16 * 3], 3, 4, 4));
        assertTrue(channels.getMessage().contains("4 channels"), channels.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> p.render(new float[10], 4, 4, 4));
        assertTrue(size.getMessage().contains("64"), size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LatentPreview(new float[][]{{1, 2}}, null));
        assertThrows(IllegalArgumentException.class, () -> new LatentPreview(new float[0][], null));
    }

    @Test
    void batchRendersFirstImageAndRenderIntoMatchesRender() {
        LatentPreview p = LatentPreview.sdxl();
        float[] one = randomLatents(4 * 8 * 8, 5);
        float[] batch = new float[one.length * 2];
        System.arraycopy(one, 0, batch, 0, one.length);
        byte[] into = new byte[8 * 8 * 3];
        p.renderInto(batch, 4, 8, 8, into);
        assertArrayEquals(p.render(one, 4, 8, 8).rgb(), into);
    }

    @Test
    void upscaleNearestRepeatsPixels() {
        PixelImage small = new PixelImage(2, 1, new byte[]{1, 2, 3, 4, 5, 6});
        PixelImage big = LatentPreview.upscaleNearest(small, 3);
        assertEquals(6, big.width());
        assertEquals(3, big.height());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(small.rgbAt(x / 3, 0), big.rgbAt(x, y));
            }
        }
    }
}
