package dev.atelier.metadata;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EXIF texts Fooocus and SwarmUI put in JPEG and WebP files: UserComment (0x9286, with its
 * 8-byte character-code prefix), Software (0x0131) and MakerNote (0x927C, Fooocus' scheme).
 * Read straight from the bytes (no image decoding): JPEG APP1 {@code Exif\0\0}, WebP {@code EXIF} chunk.
 */
final class ExifText {
    static final String USER_COMMENT = "UserComment";
    static final String SOFTWARE = "Software";
    static final String MAKER_NOTE = "MakerNote";

    private ExifText() {
    }

    static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
    }

    static boolean isWebp(byte[] b) {
        return b.length > 12 && new String(b, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                && new String(b, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP");
    }

    /** The texts found, keyed {@link #USER_COMMENT}, {@link #SOFTWARE}, {@link #MAKER_NOTE}. */
    static Map<String, String> read(byte[] file) {
        int[] tiff = isJpeg(file) ? jpegTiff(file) : isWebp(file) ? webpTiff(file) : null;
        Map<String, String> texts = new LinkedHashMap<>();
        if (tiff != null) {
            try {
                tiff(file, tiff[0], tiff[1], texts);
            } catch (IndexOutOfBoundsException e) {
                throw new MetadataException("the EXIF block is truncated or damaged; expected a complete TIFF structure");
            }
        }
        return texts;
    }

    private static int[] jpegTiff(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (marker == 0xDA || marker == 0xD9) {
                return null; // image data starts: no EXIF before it
            }
            if (marker == 0xE1 && i + 10 <= b.length && new String(b, i + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                return new int[]{i + 10, Math.min(b.length, i + 2 + length)};
            }
            i += 2 + length;
        }
        return null;
    }

    private static int[] webpTiff(byte[] b) {
        int i = 12;
        while (i + 8 <= b.length) {
            String id = new String(b, i, 4, StandardCharsets.ISO_8859_1);
            int size = (b[i + 4] & 0xFF) | (b[i + 5] & 0xFF) << 8 | (b[i + 6] & 0xFF) << 16 | (b[i + 7] & 0xFF) << 24;
            if (id.equals("EXIF")) {
                int start = i + 8;
                if (start + 6 <= b.length && new String(b, start, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                    start += 6;
                }
                return new int[]{start, Math.min(b.length, i + 8 + size)};
            }
            i += 8 + size + (size & 1);
        }
        return null;
    }

    private static void tiff(byte[] b, int start, int end, Map<String, String> texts) {
        boolean little = b[start] == 'I';
        int ifd0 = start + u32(b, start + 4, little);
        int exifIfd = -1;
        int count = u16(b, ifd0, little);
        for (int e = 0; e < count; e++) {
            int entry = ifd0 + 2 + 12 * e;
            int tag = u16(b, entry, little);
            if (tag == 0x0131) {
                texts.put(SOFTWARE, ascii(b, start, entry, little));
            } else if (tag == 0x8769) {
                exifIfd = start + u32(b, entry + 8, little);
            }
        }
        if (exifIfd < 0 || exifIfd >= end) {
            return;
        }
        count = u16(b, exifIfd, little);
        for (int e = 0; e < count; e++) {
            int entry = exifIfd + 2 + 12 * e;
            int tag = u16(b, entry, little);
            if (tag == 0x9286) {
                texts.put(USER_COMMENT, userComment(b, start, entry, little));
            } else if (tag == 0x927C) {
                texts.put(MAKER_NOTE, ascii(b, start, entry, little));
            }
        }
    }

    private static int valueOffset(byte[] b, int start, int entry, boolean little) {
        int n = u32(b, entry + 4, little);
        return n <= 4 ? entry + 8 : start + u32(b, entry + 8, little);
    }

    private static String ascii(byte[] b, int start, int entry, boolean little) {
        int n = u32(b, entry + 4, little);
        int at = valueOffset(b, start, entry, little);
        String s = new String(b, at, n, StandardCharsets.UTF_8);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private static String userComment(byte[] b, int start, int entry, boolean little) {
        int n = u32(b, entry + 4, little);
        int at = valueOffset(b, start, entry, little);
        if (n < 8) {
            return "";
        }
        String code = new String(b, at, 8, StandardCharsets.ISO_8859_1);
        Charset charset = code.startsWith("UNICODE") ? (little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE)
                : code.startsWith("ASCII") ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8;
        return new String(b, at + 8, n - 8, charset).replace("\0", "");
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int u32(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24
                : (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
