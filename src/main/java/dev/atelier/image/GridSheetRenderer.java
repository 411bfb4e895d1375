package dev.atelier.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link GridSheet}: cells in a grid with a legend band above (column values) and to the
 * left (row values), axis names in the corner, the page title on top. Labels are word-wrapped to
 * their column or row; the font grows with the cells and is never smaller than 13 px, so 128-pixel
 * cells stay legible. Column widths and row heights follow their largest cell (a size axis works).
 */
public final class GridSheetRenderer {
    private static final int MIN_FONT = 13;
    private static final int PAD = 6;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color INK = new Color(0x20, 0x20, 0x20);
    private static final Color AXIS_INK = new Color(0x60, 0x60, 0x60);
    private static final Color MISSING = new Color(0xC8, 0xC8, 0xC8);

    private GridSheetRenderer() {
    }

    public static PixelImage render(GridSheet sheet) {
        int[] colWidth = new int[sheet.columns()];
        int[] rowHeight = new int[sheet.rows()];
        // a missing cell takes the first present cell's size (128 when none is there yet)
        int fallbackWidth = 128;
        int fallbackHeight = 128;
        for (PixelImage img : sheet.cells()) {
            if (img != null) {
                fallbackWidth = img.width();
                fallbackHeight = img.height();
                break;
            }
        }
        for (int r = 0; r < sheet.rows(); r++) {
            for (int c = 0; c < sheet.columns(); c++) {
                PixelImage img = sheet.cell(c, r);
                colWidth[c] = Math.max(colWidth[c], img == null ? fallbackWidth : img.width());
                rowHeight[r] = Math.max(rowHeight[r], img == null ? fallbackHeight : img.height());
            }
        }
        int smallest = Math.min(min(colWidth), min(rowHeight));
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(MIN_FONT, smallest / 9));
        Font bold = font.deriveFont(Font.BOLD);
        // measure on a scratch image: label sizes decide the legend bands
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D m = scratch.createGraphics();
        FontMetrics fm = m.getFontMetrics(font);
        int line = fm.getHeight();
        int leftWidth = Math.max(128, smallest / 2); // row labels: enough for a few words
        List<List<String>> colLines = new ArrayList<>();
        int headLines = 1;
        for (int c = 0; c < sheet.columns(); c++) {
            List<String> lines = wrap(sheet.columnLabels().get(c), fm, colWidth[c] - 2 * PAD);
            colLines.add(lines);
            headLines = Math.max(headLines, lines.size());
        }
        // corner: which axis runs across and which down
        List<String> corner = new ArrayList<>();
        if (!sheet.columnAxis().isEmpty()) {
            corner.addAll(wrap(sheet.columnAxis() + " →", fm, leftWidth - 2 * PAD));
        }
        if (!sheet.rowAxis().isEmpty()) {
            corner.addAll(wrap(sheet.rowAxis() + " ↓", fm, leftWidth - 2 * PAD));
        }
        headLines = Math.max(headLines, corner.size());
        List<List<String>> rowLines = new ArrayList<>();
        for (int r = 0; r < sheet.rows(); r++) {
            rowLines.add(wrap(sheet.rowLabels().get(r), fm, leftWidth - 2 * PAD));
        }
        List<String> titleLines = sheet.title().isEmpty() ? List.of()
                : wrap(sheet.title(), m.getFontMetrics(bold), sum(colWidth) + leftWidth - 2 * PAD);
        m.dispose();

        int titleHeight = titleLines.isEmpty() ? 0 : titleLines.size() * line + PAD;
        int headHeight = headLines * line + 2 * PAD;
        int width = leftWidth + sum(colWidth);
        int height = titleHeight + headHeight + sum(rowHeight);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setColor(INK);
            g.setFont(bold);
            drawLines(g, titleLines, PAD, PAD, width - 2 * PAD, false);
            g.setFont(font);
            g.setColor(AXIS_INK);
            drawLines(g, corner, PAD, titleHeight + PAD, leftWidth - 2 * PAD, false);
            g.setColor(INK);
            int x = leftWidth;
            for (int c = 0; c < sheet.columns(); c++) {
                List<String> lines = colLines.get(c);
                int y = titleHeight + headHeight - PAD - lines.size() * line; // bottom-aligned over the cells
                drawLines(g, lines, x + PAD, y, colWidth[c] - 2 * PAD, true);
                x += colWidth[c];
            }
            int y = titleHeight + headHeight;
            for (int r = 0; r < sheet.rows(); r++) {
                List<String> lines = rowLines.get(r);
                int ty = y + Math.max(0, (rowHeight[r] - lines.size() * line) / 2);
                drawLines(g, lines, PAD, ty, leftWidth - 2 * PAD, false);
                x = leftWidth;
                for (int c = 0; c < sheet.columns(); c++) {
                    PixelImage img = sheet.cell(c, r);
                    if (img == null) {
                        g.setColor(MISSING);
                        g.fillRect(x + 1, y + 1, colWidth[c] - 2, rowHeight[r] - 2);
                        g.setColor(INK);
                    } else {
                        g.drawImage(AwtImages.toBufferedImage(img), x + (colWidth[c] - img.width()) / 2,
                                y + (rowHeight[r] - img.height()) / 2, null);
                    }
                    x += colWidth[c];
                }
                y += rowHeight[r];
            }
        } finally {
            g.dispose();
        }
        return AwtImages.toPixelImage(out);
    }

    private static void drawLines(Graphics2D g, List<String> lines, int x, int y, int width, boolean centred) {
        FontMetrics fm = g.getFontMetrics();
        int baseline = y + fm.getAscent();
        for (String s : lines) {
            int dx = centred ? Math.max(0, (width - fm.stringWidth(s)) / 2) : 0;
            g.drawString(s, x + dx, baseline);
            baseline += fm.getHeight();
        }
    }

    /** Greedy word wrap to {@code width} pixels; a word wider than a line is broken between characters. */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (fm.stringWidth(candidate) <= width) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
                current.setLength(0);
            }
            for (char ch : word.toCharArray()) {
                if (!current.isEmpty() && fm.stringWidth(current.toString() + ch) > width) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                current.append(ch);
            }
        }
        if (!current.isEmpty() || lines.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    private static int min(int[] values) {
        int m = Integer.MAX_VALUE;
        for (int v : values) {
            m = Math.min(m, v);
        }
        return m;
    }
}
