package dev.atelier.history;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Where generated images are saved: {@code images/YYYY-MM-DD/HHMMSS-mmm-SEED.png}, written atomically. */
public final class ImageArchive {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss-SSS", Locale.ROOT);

    private final Path imagesDir;
    private final ZoneId zone;

    public ImageArchive(Path imagesDir, ZoneId zone) {
        this.imagesDir = Objects.requireNonNull(imagesDir, "imagesDir");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Saves {@code image} with its PNG {@code texts} ({@code parameters}, fields) and provenance
     * {@code label} under the day of {@code when}.
     *
     * @throws IOException naming the folder or file when it cannot be written (full disk, no permission)
     */
    public synchronized Path save(PixelImage image, Map<String, String> texts, ProvenanceLabel label, Instant when,
                                  long seed) throws IOException {
        Path day = imagesDir.resolve(DAY.format(when.atZone(zone)));
        try {
            Files.createDirectories(day);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new IOException("Cannot save images into " + day + ": a file is in the way; expected a folder", e);
        } catch (IOException e) {
            throw new IOException("Cannot create the images folder " + day + ": " + e.getMessage(), e);
        }
        String stem = TIME.format(when.atZone(zone)) + "-" + seed;
        Path target = day.resolve(stem + ".png");
        for (int n = 2; Files.exists(target); n++) {
            target = day.resolve(stem + "-" + n + ".png");
        }
        PngFiles.write(image, texts, label, target);
        return target;
    }
}
