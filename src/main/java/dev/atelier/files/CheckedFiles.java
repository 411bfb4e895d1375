package dev.atelier.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks a file that came with a model folder before anything reads it. A model folder is data a
 * user downloaded: a symbolic link in it must not make the app read files elsewhere, and a FIFO,
 * a device or a 10 GB file must not hang it or exhaust memory. Every check follows symbolic links
 * in every path component ({@link Path#toRealPath}).
 */
public final class CheckedFiles {
    /** JSON configs ({@code config.json}, {@code scheduler_config.json}, ...): a few KiB in practice. */
    public static final long MAX_CONFIG_BYTES = 16L << 20;
    /** Tokenizer files: CLIP's {@code tokenizer.json} is 2 MiB, its {@code vocab.json} 1 MiB. */
    public static final long MAX_TOKENIZER_BYTES = 64L << 20;
    /** ONNX graphs: the protobuf format itself stops at 2 GiB; larger weights live in external data. */
    public static final long MAX_ONNX_BYTES = 2L << 30;

    private CheckedFiles() {
    }

    /** The real path of {@code folder}, which must be an existing folder. */
    public static Path realFolder(Path folder) throws FileRefusedException {
        Path real = realPath(folder);
        if (!Files.isDirectory(real)) {
            throw new FileRefusedException(folder, "not a folder", null);
        }
        return real;
    }

    /**
     * Checks that {@code file} resolves (following every symbolic link) to a regular, readable file
     * inside {@code realRoot} of at most {@code maxBytes} bytes, and returns its real path.
     *
     * @param realRoot the folder's own real path ({@link #realFolder})
     */
    public static Path regularFileInside(Path realRoot, Path file, long maxBytes) throws FileRefusedException {
        Path real = realPath(file);
        if (!real.startsWith(realRoot)) {
            throw new FileRefusedException(file, "resolves to " + Quoting.quote(real.toString())
                    + ", outside the model folder " + realRoot + "; expected a file inside it", null);
        }
        return regularFile(file, real, maxBytes);
    }

    /** As {@link #regularFileInside} without the folder rule, for files a user names directly. */
    public static Path regularFile(Path file, long maxBytes) throws FileRefusedException {
        return regularFile(file, realPath(file), maxBytes);
    }

    private static Path regularFile(Path file, Path real, long maxBytes) throws FileRefusedException {
        if (Files.isDirectory(real)) {
            throw new FileRefusedException(file, "is a folder; expected a file", null);
        }
        if (!Files.isRegularFile(real)) {
            throw new FileRefusedException(file, "is not a regular file (a FIFO, socket or device); expected a file", null);
        }
        long size;
        try {
            size = Files.size(real);
        } catch (IOException e) {
            throw refused(file, e);
        }
        if (size > maxBytes) {
            throw new FileRefusedException(file, "is " + size + " bytes; expected at most " + maxBytes, null);
        }
        if (!Files.isReadable(real)) {
            throw new FileRefusedException(file, "permission denied", null);
        }
        return real;
    }

    /** Reads a checked file whole; the size was capped by the check, and a file that grows is cut at the cap. */
    public static byte[] readAll(Path file, Path real, long maxBytes) throws FileRefusedException {
        try (InputStream in = Files.newInputStream(real)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw new FileRefusedException(file, "is more than " + maxBytes + " bytes; expected at most that", null);
            }
            return bytes;
        } catch (FileRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw refused(file, e);
        }
    }

    /** The real path of {@code file}, with "file is missing" and "permission denied" told apart. */
    public static Path realPath(Path file) throws FileRefusedException {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw refused(file, e);
        } catch (InvalidPathException e) {
            throw new FileRefusedException(file, "is not a valid path (" + e.getReason() + ")", e);
        }
    }

    /** {@code e} as one short phrase: "file is missing", "permission denied", ... */
    public static FileRefusedException refused(Path file, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "file is missing";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemLoopException) {
            reason = "symbolic links form a loop";
        } else if (e instanceof NotDirectoryException) {
            reason = "a path component is not a folder";
        } else {
            String message = e.getMessage();
            reason = "cannot be read (" + Quoting.truncate(message == null ? e.getClass().getSimpleName() : message) + ")";
            if (message != null && message.contains("Too many levels of symbolic links")) {
                reason = "symbolic links form a loop";
            }
        }
        return new FileRefusedException(file, reason, e);
    }
}
