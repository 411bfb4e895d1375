package dev.atelier.image;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridSheetRendererTest {
    private static PixelImage filled(int w, int h, int rgb) {
        byte[] bytes = new byte[w * h * 3];
        for (int i = 0; i < bytes.length; i += 3) {
            bytes[i] = (byte) (rgb >> 16);
            bytes[i + 1] = (byte) (rgb >> 8);
            bytes[i + 2] = (byte) rgb;
        }
        return new PixelImage(w, h, bytes);
    }

    /** Pixels of the rectangle that are not white. */
    private static int inked(PixelImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (img.rgbAt(x, y) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void cellsSitBelowAndRightOfANonBlankLegend() {
        List<PixelImage> cells = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cells.add(filled(128, 128, 0x3366CC));
        }
        GridSheet sheet = new GridSheet("scheduler: ddim", "seed", List.of("1", "2", "3"), "style",
                List.of("watercolor, soft brush strokes on textured paper", "pixel art"), cells);
        PixelImage out = GridSheetRenderer.render(sheet);
        // three 128-pixel columns beside a 128-pixel row legend
        assertEquals(128 + 3 * 128, out.width());
        int legendTop = out.height() - 2 * 128;
        assertTrue(legendTop > 30, "a title and a column legend band above the cells, got " + legendTop);
        // the bands carry text: dark pixels in the column legend and the row legend
        assertTrue(inked(out, 128, 0, out.width(), legendTop) > 50, "column legend is blank");
        assertTrue(inked(out, 0, legendTop, 128, out.height()) > 100, "row legend is blank");
        // cells are drawn unchanged at their place
        assertEquals(0x3366CC, out.rgbAt(128 + 5, legendTop + 5));
        assertEquals(0x3366CC, out.rgbAt(out.width() - 1, out.height() - 1));
    }

    @Test
    void longLabelsWrapWithinTheirColumn() {
        PixelImage dummy = filled(128, 128, 0);
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        java.awt.FontMetrics fm = g.getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 14));
        List<String> lines = GridSheetRenderer.wrap("watercolor, soft brush strokes on textured paper", fm, 116);
        g.dispose();
        assertTrue(lines.size() >= 3, lines.toString());
        lines.forEach(l -> assertTrue(fm.stringWidth(l) <= 116, l));
        assertEquals("watercolor, soft brush strokes on textured paper", String.join(" ", lines));
        // one unbreakable word longer than the column is cut between characters
        List<String> cut = GridSheetRenderer.wrap("x".repeat(60), fm, 116);
        assertTrue(cut.size() > 1, cut.toString());
        assertEquals(60, String.join("", cut).length());
        assertEquals(128, dummy.width());
    }

    @Test
    void missingCellsAreGreyBoxesAndSizesMayDiffer() {
        List<PixelImage> cells = new ArrayList<>(Collections.nCopies(2, (PixelImage) null));
        cells.set(0, filled(128, 192, 0x00FF00));
        PixelImage out = GridSheetRenderer.render(new GridSheet("", "size", List.of("128x192", "128x128"), "",
                List.of(""), cells));
        assertEquals(128 + 2 * 128, out.width());
        int top = out.height() - 192;
        assertEquals(0x00FF00, out.rgbAt(130, top + 100));
        assertEquals(0xC8C8C8, out.rgbAt(128 + 128 + 64, top + 96));
    }

    @Test
    void aSheetNeedsOneCellPerPlace() {
        assertEquals("a 2x1 grid needs 2 cells, got 1", assertThrows(IllegalArgumentException.class,
                () -> new GridSheet("", "a", List.of("1", "2"), "", List.of(""), List.of(filled(8, 8, 0)))).getMessage());
    }
}
