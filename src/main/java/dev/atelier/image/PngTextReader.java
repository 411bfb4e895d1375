package dev.atelier.image;

import dev.atelier.files.Quoting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks a PNG's chunks before ImageIO decodes it: checks every length and CRC, that IHDR comes first
 * with a size that fits in memory and that the file ends with IEND, and reads the text chunks
 * ({@code tEXt}, {@code zTXt}, {@code iTXt}) in file order. Compressed text stops inflating at
 * {@link #MAX_TEXT_BYTES}; a text chunk that is too large or not valid UTF-8 is skipped with a
 * warning in the log, since the pixels are still good. ImageIO's own text reading has no such cap.
 */
final class PngTextReader {
    private static final Logger LOG = LoggerFactory.getLogger(PngTextReader.class);
    /** Longest text kept from one chunk, after inflating. */
    static final int MAX_TEXT_BYTES = 1 << 20;
    /** Largest text chunk read at all (compressed size); a bigger one is skipped unread. */
    private static final int MAX_TEXT_CHUNK_BYTES = 8 << 20;
    /** Decoded pixels allowed (about 10 000 × 10 000; 400 MB as ARGB). */
    static final long MAX_PIXELS = 100_000_000L;
    private static final int IHDR = type("IHDR");
    private static final int IEND = type("IEND");

    private final Path file;
    private final InputStream in;
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private long offset = 8;

    private PngTextReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /**
     * The text chunks of the PNG in {@code in}, positioned just after the 8-byte signature.
     *
     * @throws IOException one line naming {@code file} for a truncated file, a CRC error or an oversized image
     */
    static PngTextReader read(Path file, InputStream in) throws IOException {
        PngTextReader reader = new PngTextReader(file, in);
        reader.chunks();
        return reader;
    }

    /** Keyword → text of the chunks read, in file order. */
    Map<String, String> texts() {
        return texts;
    }

    /** One line per text chunk skipped. */
    List<String> skipped() {
        return skipped;
    }

    private void chunks() throws IOException {
        boolean first = true;
        while (true) {
            long at = offset;
            byte[] header = readFully(8, "chunk header");
            long length = ByteBuffer.wrap(header, 0, 4).getInt() & 0xFFFFFFFFL;
            int type = ByteBuffer.wrap(header, 4, 4).getInt();
            String name = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (length > Integer.MAX_VALUE) {
                throw damaged("chunk " + Quoting.quote(name) + " at byte " + at + " declares " + length
                        + " bytes; expected at most 2^31-1");
            }
            if (first && type != IHDR) {
                throw damaged("the first chunk is " + Quoting.quote(name) + "; expected IHDR");
            }
            CRC32 crc = new CRC32();
            crc.update(header, 4, 4);
            boolean text = name.equals("tEXt") || name.equals("zTXt") || name.equals("iTXt");
            byte[] data = null;
            if (type == IHDR || (text && length <= MAX_TEXT_CHUNK_BYTES)) {
                data = readFully((int) length, "chunk " + name);
                crc.update(data);
            } else {
                skipChecksummed(length, crc, name);
                if (text) {
                    skip("a " + name + " chunk of " + length + " bytes was skipped (over " + MAX_TEXT_CHUNK_BYTES + " bytes)");
                }
            }
            long stored = ByteBuffer.wrap(readFully(4, "CRC of chunk " + name)).getInt() & 0xFFFFFFFFL;
            if (stored != crc.getValue()) {
                throw damaged("CRC error in chunk " + Quoting.quote(name) + " at byte " + at);
            }
            if (type == IHDR) {
                checkHeader(data);
            } else if (data != null) {
                text(name, data);
            }
            if (type == IEND) {
                return;
            }
            first = false;
        }
    }

    private void skip(String why) {
        LOG.warn("{}: {}", file, why);
        skipped.add(why);
    }

    private void checkHeader(byte[] data) throws IOException {
        if (data.length != 13) {
            throw damaged("IHDR has " + data.length + " bytes; expected 13");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        long width = b.getInt() & 0xFFFFFFFFL;
        long height = b.getInt() & 0xFFFFFFFFL;
        if (width == 0 || height == 0 || width * height > MAX_PIXELS) {
            throw damaged("the image is " + width + "x" + height + " pixels; expected at most " + MAX_PIXELS
                    + " pixels in all");
        }
    }

    private void text(String name, byte[] data) throws IOException {
        int nul = indexOf(data, 0);
        if (nul < 1 || nul > 79) {
            skip("a " + name + " chunk without a 1-79 character keyword was skipped");
            return;
        }
        String keyword = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
        try {
            String value = switch (name) {
                case "tEXt" -> latin1(data, nul + 1, data.length);
                case "zTXt" -> {
                    if (nul + 1 >= data.length || data[nul + 1] != 0) {
                        throw new CharacterCodingException();
                    }
                    byte[] inflated = inflate(data, nul + 2);
                    yield latin1(inflated, 0, inflated.length);
                }
                default -> iText(data, nul);
            };
            texts.put(keyword, value);
        } catch (CharacterCodingException | DataFormatException | TextTooLongException e) {
            String why = e instanceof TextTooLongException ? "inflates past " + MAX_TEXT_BYTES + " bytes"
                    : e instanceof DataFormatException ? "holds damaged compressed data"
                    : "is malformed or not valid UTF-8";
            skip("the " + name + " chunk " + Quoting.quote(keyword) + " was skipped: it " + why);
        }
    }

    /** iTXt: keyword NUL, compression flag, method, language NUL, translated keyword NUL, UTF-8 text. */
    private static String iText(byte[] data, int nul) throws CharacterCodingException, DataFormatException {
        int p = nul + 1;
        if (p + 2 > data.length) {
            throw new CharacterCodingException();
        }
        boolean compressed = data[p] != 0;
        if (compressed && data[p + 1] != 0) {
            throw new CharacterCodingException();
        }
        int langEnd = indexOf(data, p + 2);
        int translatedEnd = langEnd < 0 ? -1 : indexOf(data, langEnd + 1);
        if (translatedEnd < 0) {
            throw new CharacterCodingException();
        }
        byte[] text = compressed ? inflate(data, translatedEnd + 1)
                : java.util.Arrays.copyOfRange(data, translatedEnd + 1, data.length);
        if (text.length > MAX_TEXT_BYTES) {
            throw new TextTooLongException();
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text)).toString();
    }

    private static String latin1(byte[] data, int from, int to) {
        if (to - from > MAX_TEXT_BYTES) {
            throw new TextTooLongException();
        }
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Inflates zlib data, stopping at {@link #MAX_TEXT_BYTES}: a 1 KiB chunk can expand to gigabytes. */
    private static byte[] inflate(byte[] data, int from) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, from, data.length - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("compressed text ends early");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_TEXT_BYTES) {
                    throw new TextTooLongException();
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private byte[] readFully(int n, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw damaged("the file is truncated in the " + what + " at byte " + (offset + bytes.length));
        }
        offset += n;
        return bytes;
    }

    private void skipChecksummed(long length, CRC32 crc, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw damaged("the file is truncated in chunk " + Quoting.quote(name) + " at byte " + offset);
            }
            crc.update(buffer, 0, n);
            left -= n;
            offset += n;
        }
    }

    private IOException damaged(String what) {
        return new IOException("Cannot read " + file + ": damaged PNG (" + what + ")");
    }

    private static int type(String name) {
        return ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1)).getInt();
    }

    /** Text past {@link #MAX_TEXT_BYTES}; unchecked so that the inflating helpers stay simple. */
    private static final class TextTooLongException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TextTooLongException() {
            super(null, null, false, false);
        }
    }
}
