package dev.atelier.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Bridge between {@link PixelImage} and AWT, kept inside this package (ArchUnit rule). */
final class AwtImages {
    private AwtImages() {
    }

    /** A {@code TYPE_3BYTE_BGR} copy of {@code image}, the layout the PNG writer encodes as RGB. */
    static BufferedImage toBufferedImage(PixelImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    /** RGB bytes of any decoded image; alpha is dropped, grey and palette images are expanded. */
    static PixelImage toPixelImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int o = y * width * 3;
            for (int x = 0; x < width; x++, o += 3) {
                int p = row[x];
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new PixelImage(width, height, rgb);
    }
}
