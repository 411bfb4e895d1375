package dev.atelier.preset;

import dev.atelier.image.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Reads preset files (format detected from content) and writes them atomically. */
public final class PresetFiles {
    /** Larger files are refused before reading: 10 000 presets in Atelier JSON take about 5 MiB. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private PresetFiles() {
    }

    /** A file's presets and the format they were read in. */
    public record Loaded(PresetFormat format, List<Preset> presets) {
        public Loaded {
            presets = List.copyOf(presets);
        }
    }

    /**
     * Reads {@code file}; {@code format} null means detect it from the content.
     *
     * @throws IOException when the file is missing or unreadable
     * @throws PresetFormatException one line naming the file and what was wrong (size, encoding, row)
     */
    public static Loaded read(Path file, PresetFormat format) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "preset file does not exist");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new PresetFormatException(file + ": the file is " + size / (1024 * 1024) + " MiB; a preset file may be at most "
                    + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        String text;
        try {
            text = decode(Files.readAllBytes(file));
        } catch (PresetFormatException e) {
            throw new PresetFormatException(file + ": " + e.getMessage(), e);
        }
        try {
            PresetFormat chosen = format != null ? format : PresetFormat.detect(text);
            return new Loaded(chosen, chosen.read(text));
        } catch (PresetFormatException e) {
            throw new PresetFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** UTF-8 text (a BOM is kept for the A1111 reader to drop); UTF-16 and bad bytes are refused. */
    static String decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new PresetFormatException("the file is empty; expected a styles CSV or a presets JSON file");
        }
        boolean bom16 = bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
        if (bom16 || (bytes.length >= 2 && (bytes[0] == 0 || bytes[1] == 0))) {
            throw new PresetFormatException("the file is UTF-16 text; expected UTF-8 (save it as UTF-8)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PresetFormatException("the file is not valid UTF-8 text; expected UTF-8");
        }
    }

    /**
     * Writes {@code presets} to {@code file} in {@code format}, atomically; for A1111 an existing file
     * is first copied to {@code <file>.bak}, as A1111 does.
     */
    public static void write(Path file, PresetFormat format, List<Preset> presets) throws IOException {
        if (format == PresetFormat.A1111) {
            for (Preset p : presets) {
                if (p.name().startsWith("#")) {
                    throw new PresetFormatException("preset name '" + p.name() + "' starts with '#', which styles.csv reads as a comment");
                }
            }
            if (Files.isRegularFile(file)) {
                Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        AtomicFiles.writeBytes(file, format.write(presets).getBytes(StandardCharsets.UTF_8));
    }

    /** The format named like the CLI's {@code --format} value, or a one-line error listing the names. */
    public static PresetFormat format(String cliName) {
        return PresetFormat.fromCliName(cliName).orElseThrow(() -> new PresetFormatException("unknown format '" + cliName
                + "', expected one of " + java.util.Arrays.stream(PresetFormat.values()).map(PresetFormat::cliName).toList()));
    }

}
