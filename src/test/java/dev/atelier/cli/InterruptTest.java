package dev.atelier.cli;

import dev.atelier.image.SlowPngWrites;
import dev.atelier.onnx.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C during {@code generate}, in a child JVM: cancels at the next step, one line, exit 130, no files. */
class InterruptTest {
    @TempDir
    Path temp;
    /** The children's data folder (history, logs): never the user's. */
    @TempDir
    Path data;

    /**
     * A background job (`mvn ... &`) starts with SIGINT ignored, and the JVM then installs no handler
     * for it; SIGTERM takes the same path (shutdown hook, cancel flag) and exits 143.
     */
    private static boolean intIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        return Files.isReadable(status) && Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring("SigIgn:".length()).strip(), 16) & 2) != 0);
    }

    /** Starts {@code mainClass} (the CLI, or a test wrapper of it) in a child JVM on the embedded model. */
    private Process child(String mainClass, String... args) throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(javaBin.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", data.toString()));
        return new ProcessBuilder(command).redirectError(temp.resolve("err.txt").toFile()).start();
    }

    /** Reads the child's stdout up to the first line starting with {@code marker}, signals it, drains the rest. */
    private static void signalAt(Process p, String marker) throws IOException, InterruptedException {
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null && !line.startsWith(marker)) {
                // wait for the moment to signal
            }
            assertTrue(line != null, "the child printed " + marker);
            new ProcessBuilder("/bin/kill", intIgnored() ? "-TERM" : "-INT", Long.toString(p.pid())).start().waitFor();
            stdout.transferTo(java.io.Writer.nullWriter());
        }
    }

    @Test
    void sigintCancelsThroughTheFlagAndExits130() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs POSIX kill");
        Fixtures.embeddedModel("tiny-shapes");
        Path out = temp.resolve("out.png");
        Process p = child(Main.class.getName(), "generate", "--prompt", "a red circle", "--seed", "1", "--steps", "900",
                "--scheduler", "euler", "--out", out.toString());
        signalAt(p, "step 3");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits after the signal");
        List<String> err = Files.readAllLines(temp.resolve("err.txt")).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(intIgnored() ? 143 : 130, p.exitValue(), String.join("\n", err));
        assertEquals(1, err.size(), String.join("\n", err));
        assertTrue(err.getFirst().startsWith("atelier generate: generation cancelled after step"), err.getFirst());
        try (var files = Files.list(temp)) {
            assertEquals(List.of("err.txt"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    /**
     * Issue 15: the signal lands while the final PNG is half written to its temp file (a test-only
     * ImageIO writer stalls there, see {@link SlowPngWrites}): no file at the target, partial or
     * whole, no temp file left, exit 130.
     */
    @Test
    void aSignalDuringTheFinalPngWriteLeavesNoFileAndExits130() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs POSIX kill");
        Fixtures.embeddedModel("tiny-shapes");
        Path out = temp.resolve("out.png");
        Process p = child(SlowPngWrites.class.getName(), "generate", "--prompt", "a red circle", "--seed", "1",
                "--steps", "2", "--no-history", "--out", out.toString()); // the history's copy would stall first
        signalAt(p, SlowPngWrites.STALLED);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits after the signal");
        List<String> err = Files.readAllLines(temp.resolve("err.txt")).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(intIgnored() ? 143 : 130, p.exitValue(), String.join("\n", err));
        assertEquals(List.of("atelier generate: Cannot write " + out + ": stopped by a signal before the file was"
                + " complete; nothing was written"), err);
        try (var files = Files.list(temp)) {
            assertEquals(List.of("err.txt"), files.map(f -> f.getFileName().toString()).toList(),
                    "neither out.png nor its .out.png.<hex>.tmp; stderr: " + err);
        }
    }
}
