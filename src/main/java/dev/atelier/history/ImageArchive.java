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
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Where generated images are saved: {@code images/YYYY-MM-DD/HHMMSS-mmm-SEED.png}, written atomically. */
public final class ImageArchive {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss-SSS", Locale.ROOT);

    private final Path imagesDir;
    private final ZoneId zone;
    /** Names handed out by {@link #reserve} and not yet written. */
    private final Set<Path> reserved = new HashSet<>();

    public ImageArchive(Path imagesDir, ZoneId zone) {
        this.imagesDir = Objects.requireNonNull(imagesDir, "imagesDir");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Chooses the file an image of {@code seed} made at {@code when} goes to (its day folder
     * created), without writing it, so the history row can name it before it exists; the name stays
     * taken until {@link #write} or {@link #release}.
     *
     * @throws IOException naming the folder when it cannot be created
     */
    public synchronized Path reserve(Instant when, long seed) throws IOException {
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
        for (int n = 2; Files.exists(target) || reserved.contains(target); n++) {
            target = day.resolve(stem + "-" + n + ".png");
        }
        reserved.add(target);
        return target;
    }

    /** Writes a reserved file (atomically) and frees its name. */
    public void write(Path target, PixelImage image, Map<String, String> texts, ProvenanceLabel label) throws IOException {
        try {
            PngFiles.write(image, texts, label, target);
        } finally {
            release(target);
        }
    }

    /** Frees a reserved name that will not be written. */
    public synchronized void release(Path target) {
        reserved.remove(target);
    }
}
