package dev.atelier.image;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;
import dev.atelier.files.Quoting;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes PNG files with text metadata through ImageIO.
 *
 * <p>Text is stored as Pillow's {@code PngInfo.add_text} does (what A1111 uses): a {@code tEXt}
 * chunk when the text is Latin-1, else an uncompressed UTF-8 {@code iTXt} chunk. No time or other
 * varying chunk is written, so identical input gives byte-identical files. Writes are atomic
 * ({@link AtomicFiles}).
 */
public final class PngFiles {
    private static final String NATIVE_FORMAT = "javax_imageio_png_1.0";
    /** Largest PNG file read; its pixels are capped separately ({@link PngTextReader#MAX_PIXELS}). */
    private static final long MAX_FILE_BYTES = 1L << 30;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngFiles() {
    }

    /**
     * Writes {@code image} to {@code out} with the A1111 {@code parameters} text chunk.
     *
     * @param parameters the infotext (see {@link GenerationParameters#format()}); {@code null} writes
     *                   no text chunk
     * @throws IOException naming {@code out} when its folder is missing or not writable, or the
     *                     write fails; the old file (if any) is then left untouched
     */
    public static void write(PixelImage image, String parameters, Path out) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        if (parameters != null) {
            texts.put(PngContents.PARAMETERS_KEY, parameters);
        }
        write(image, texts, out);
    }

    /**
     * Writes {@code image} with one text chunk per entry of {@code texts}, in map order.
     * Keywords must be 1–79 printable Latin-1 characters without leading/trailing spaces.
     */
    public static void write(PixelImage image, Map<String, String> texts, Path out) throws IOException {
        write(image, texts, out, false);
    }

    /** As {@link #write(PixelImage, Map, Path)}, every text in a UTF-8 {@code iTXt} chunk when {@code utf8} (JSON payloads). */
    public static void write(PixelImage image, Map<String, String> texts, Path out, boolean utf8) throws IOException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(texts, "texts");
        texts.forEach((k, v) -> checkKeyword(k, v));
        BufferedImage buffered = AwtImages.toBufferedImage(image);
        AtomicFiles.write(out, stream -> encode(buffered, texts, utf8, stream, out));
    }

    /**
     * Writes {@code image} with {@code texts} and, unless {@code label} is null, the provenance label
     * as an XMP packet (uncompressed iTXt {@value ProvenanceLabel#XMP_KEY}, after the other texts).
     */
    public static void write(PixelImage image, Map<String, String> texts, ProvenanceLabel label, Path out) throws IOException {
        write(image, withLabel(texts, label), out);
    }

    /** As {@link #write(PixelImage, Map, ProvenanceLabel, Path)}, every text in a UTF-8 iTXt chunk when {@code utf8}. */
    public static void write(PixelImage image, Map<String, String> texts, ProvenanceLabel label, Path out, boolean utf8)
            throws IOException {
        write(image, withLabel(texts, label), out, utf8);
    }

    private static Map<String, String> withLabel(Map<String, String> texts, ProvenanceLabel label) {
        Map<String, String> all = new LinkedHashMap<>(texts);
        if (label != null) {
            all.put(ProvenanceLabel.XMP_KEY, label.toXmp());
        }
        return all;
    }

    /**
     * Reads a PNG's pixels and text chunks.
     *
     * @throws IOException naming {@code file} when it does not exist, is not a PNG or is damaged
     */
    public static PngContents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "PNG file does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("Cannot read " + file + ": it is a folder, expected a PNG file");
        }
        Path real;
        try {
            real = CheckedFiles.regularFile(file, MAX_FILE_BYTES); // a FIFO would block the read forever
        } catch (FileRefusedException e) {
            throw new IOException("Cannot read " + file + ": " + e.reason() + "; expected a PNG file", e);
        }
        PngTextReader texts;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(real), 1 << 16)) {
            byte[] head = in.readNBytes(SIGNATURE.length);
            if (!Arrays.equals(head, SIGNATURE)) {
                throw new IOException("Cannot read " + file + ": not a PNG file (bad signature)");
            }
            texts = PngTextReader.read(file, in);
        } catch (AccessDeniedException e) {
            throw new IOException("Cannot read " + file + ": permission denied", e);
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(real.toFile())) {
            reader.setInput(in, true, true); // text was read above, with caps ImageIO does not have
            BufferedImage image = reader.read(0);
            return new PngContents(AwtImages.toPixelImage(image), texts.texts(), texts.skipped());
        } catch (IOException | RuntimeException e) {
            throw new IOException("Cannot read " + file + ": damaged PNG ("
                    + Quoting.truncate(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static void encode(BufferedImage image, Map<String, String> texts, boolean utf8,
                               OutputStream stream, Path out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // in-memory cache: ImageIO's default may spill to a temp file in java.io.tmpdir
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(stream)) {
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(image), writer.getDefaultWriteParam());
            addTexts(metadata, texts, utf8);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, metadata), writer.getDefaultWriteParam());
            ios.flush();
        } catch (IIOInvalidTreeException e) {
            throw new IOException("Cannot write " + out + ": invalid PNG metadata (" + e.getMessage() + ")", e);
        } finally {
            writer.dispose();
        }
    }

    private static void addTexts(IIOMetadata metadata, Map<String, String> texts, boolean utf8) throws IIOInvalidTreeException {
        if (texts.isEmpty()) {
            return;
        }
        IIOMetadataNode root = new IIOMetadataNode(NATIVE_FORMAT);
        IIOMetadataNode tEXt = new IIOMetadataNode("tEXt");
        IIOMetadataNode iTXt = new IIOMetadataNode("iTXt");
        CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
        texts.forEach((keyword, text) -> {
            if (!utf8 && latin1.canEncode(text) && !ProvenanceLabel.XMP_KEY.equals(keyword)) { // XMP must be iTXt
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", keyword);
                entry.setAttribute("value", text);
                tEXt.appendChild(entry);
            } else {
                IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                entry.setAttribute("keyword", keyword);
                entry.setAttribute("compressionFlag", "FALSE");
                entry.setAttribute("compressionMethod", "0");
                entry.setAttribute("languageTag", "");
                entry.setAttribute("translatedKeyword", "");
                entry.setAttribute("text", text);
                iTXt.appendChild(entry);
            }
        });
        if (tEXt.hasChildNodes()) {
            root.appendChild(tEXt);
        }
        if (iTXt.hasChildNodes()) {
            root.appendChild(iTXt);
        }
        metadata.mergeTree(NATIVE_FORMAT, root);
    }

    private static void checkKeyword(String keyword, String text) {
        Objects.requireNonNull(text, () -> "text of PNG chunk '" + keyword + "'");
        if (keyword == null || keyword.isEmpty() || keyword.length() > 79
                || keyword.startsWith(" ") || keyword.endsWith(" ")
                || !keyword.chars().allMatch(c -> (c >= 32 && c <= 126) || (c >= 161 && c <= 255))) {
            throw new IllegalArgumentException("PNG text keyword must be 1-79 printable Latin-1 characters "
                    + "without leading or trailing spaces, got '" + keyword + "'");
        }
    }
}
