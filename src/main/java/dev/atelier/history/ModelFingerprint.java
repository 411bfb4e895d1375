package dev.atelier.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cheap identity of a model folder: for every {@code .onnx} graph, its path, size, modification
 * time and a SHA-256 of its first MiB, all hashed together. Tells a re-exported or swapped model
 * apart from the one a history row was made with, without reading gigabytes.
 */
public final class ModelFingerprint {
    private static final int HEAD_BYTES = 1 << 20;

    private ModelFingerprint() {
    }

    /** 16 hex digits identifying {@code root}'s graphs. */
    public static String of(Path root) {
        MessageDigest all = sha256();
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> graphs = walk.filter(p -> p.getFileName().toString().endsWith(".onnx"))
                    .filter(Files::isRegularFile).sorted().toList();
            for (Path g : graphs) {
                String line = root.relativize(g) + "|" + Files.size(g) + "|" + Files.getLastModifiedTime(g).toMillis() + "|";
                all.update(line.getBytes(StandardCharsets.UTF_8));
                all.update(head(g));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fingerprint model folder " + root + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(all.digest(), 0, 8);
    }

    private static byte[] head(Path file) throws IOException {
        MessageDigest d = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            d.update(in.readNBytes(HEAD_BYTES));
        }
        return d.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
