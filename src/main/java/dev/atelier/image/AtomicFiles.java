package dev.atelier.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers only ever see the old content or the complete new content:
 * the bytes go to a hidden temp file in the same folder, are forced to disk, and the temp file is
 * then moved over the target (atomically where the file system allows). The temp file is deleted
 * when anything fails, so no partial file is ever left behind.
 */
public final class AtomicFiles {

    /** Produces the file's content; may fail with an {@link IOException} half way. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
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
        Path temp = out.resolveSibling("." + out.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean done = false;
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
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
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
