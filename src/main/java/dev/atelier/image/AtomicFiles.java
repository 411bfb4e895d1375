package dev.atelier.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers only ever see the old content or the complete new content:
 * the bytes go to a hidden temp file in the same folder, are forced to disk, and the temp file is
 * then moved over the target (atomically where the file system allows). The temp file is deleted
 * when anything fails, so no partial file is ever left behind. A signal (Ctrl-C, SIGTERM) during a
 * write skips the {@code finally}, so a shutdown hook deletes the temp files still in flight, and
 * {@link #sweepStale} removes old ones of our naming that a killed process left.
 */
public final class AtomicFiles {
    /** {@code .<name>.<hex>.tmp}: the temp names this class makes, and the only ones it sweeps. */
    private static final Pattern TEMP_NAME = Pattern.compile("^\\..+\\.[0-9a-f]{1,16}\\.tmp$");
    /** Older than this, a temp file of ours belongs to no running write (a PNG takes milliseconds). */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    /** Produces the file's content; may fail with an {@link IOException} half way. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * The temp files being written by this process. Process-wide by nature: the shutdown hook
     * that deletes them is one per JVM, installed with the first write.
     */
    private static final class InFlight {
        static final Set<Path> FILES = ConcurrentHashMap.newKeySet();
        /** Set once the hook ran: a write that then fails was cut short by the signal, not by the disk. */
        static volatile boolean stopped;

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(InFlight::deleteAll, "atelier-temp-cleanup"));
        }

        static void add(Path temp) {
            FILES.add(temp);
        }

        static void remove(Path temp) {
            FILES.remove(temp);
        }

        static void deleteAll() {
            stopped = true;
            for (Path p : FILES) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // shutting down: nothing left to tell
                }
            }
        }
    }

    /** Temp files this process is writing right now (for tests and diagnostics). */
    public static Set<Path> inFlight() {
        return Set.copyOf(InFlight.FILES);
    }

    /**
     * Deletes temp files of this class's naming in {@code folder} older than {@link #STALE_AFTER}
     * (left by a killed process); returns how many. Unreadable folders count as none.
     */
    public static int sweepStale(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return 0;
        }
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                p -> TEMP_NAME.matcher(p.getFileName().toString()).matches())) {
            for (Path p : files) {
                if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).compareTo(cutoff) < 0
                        && !InFlight.FILES.contains(p.toAbsolutePath())) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            return removed; // best effort: a folder we cannot list holds nothing we made
        }
        return removed;
    }

    /**
     * Checks up front that {@code target} can be written: the folder exists and is writable, the
     * name is not a folder, and a temp file of the real naming can be created and deleted (so a
     * name too long for the file system fails now, not after a long generation).
     *
     * @throws IOException with one line naming {@code target} and what is wrong
     */
    public static void checkWritable(Path target) throws IOException {
        Path temp = tempFor(checkWritableTarget(target));
        try {
            Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            Files.delete(temp);
        } catch (FileSystemException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException again) {
                // a name the file system refuses cannot exist either
            }
            throw new IOException("Cannot write " + target + ": " + reason(e), e);
        }
    }

    private static Path tempFor(Path out) {
        return out.resolveSibling("." + out.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static String reason(FileSystemException e) {
        String r = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        return r.toLowerCase(java.util.Locale.ROOT);
    }

    /** A full disk reads "disk full" rather than the encoder's "I/O error writing PNG file!". */
    private static IOException described(Path out, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left") || m.contains("Disk quota exceeded"))) {
                return new IOException("Cannot write " + out + ": disk full (no space left on device)", e);
            }
        }
        return e;
    }

    /** Atomically replaces (or creates) {@code target} with {@code bytes}. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code content} writes.
     *
     * @throws IOException naming {@code target} when the folder is missing or not writable, when
     *                     {@code target} is a folder, or when writing or moving fails
     */
    public static void write(Path target, ContentWriter content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path out = checkWritableTarget(target);
        Path temp = tempFor(out);
        boolean done = false;
        InFlight.add(temp);
        try {
            // CREATE_NEW with default permissions (createTempFile would make the final file 0600)
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream stream = Channels.newOutputStream(channel);
                content.writeTo(stream);
                stream.flush();
                channel.force(true);
            }
            move(temp, out);
            done = true;
        } catch (AccessDeniedException e) {
            throw new IOException("Cannot write " + out + ": permission denied (" + e.getFile() + ")", e);
        } catch (IOException e) {
            if (InFlight.stopped) { // the shutdown hook deleted the temp file under this write
                throw new IOException("Cannot write " + out + ": stopped by a signal before the file was complete;"
                        + " nothing was written", e);
            }
            throw described(out, e);
        } finally {
            try {
                if (!done) {
                    Files.deleteIfExists(temp);
                }
            } finally {
                InFlight.remove(temp);
            }
        }
    }

    private static void move(Path temp, Path out) throws IOException {
        try {
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Checks the obvious mistakes up front so the user gets one clear message. */
    private static Path checkWritableTarget(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path out = target.toAbsolutePath();
        Path folder = out.getParent();
        if (folder == null || out.getFileName() == null) {
            throw new IOException("Cannot write " + target + ": not a file path");
        }
        if (!Files.exists(folder)) {
            throw new IOException("Cannot write " + target + ": folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("Cannot write " + target + ": " + folder + " is not a folder");
        }
        if (!Files.isWritable(folder)) {
            throw new IOException("Cannot write " + target + ": folder " + folder + " is not writable");
        }
        if (Files.isDirectory(out)) {
            throw new IOException("Cannot write " + target + ": a folder with that name exists");
        }
        return out;
    }
}
