package dev.atelier.history;

import dev.atelier.data.DataFolder;
import dev.atelier.image.SlowPngWrites;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: SIGTERM while the history saves an image, in a child JVM recording as the window does
 * ({@link HistorySignalChild}): whatever the moment, after the next start every row has its image
 * and every image its row, and no temp file is left.
 */
class HistorySignalTest {
    @TempDir
    Path data;
    @TempDir
    Path model;

    private Process child() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HistorySignalChild.class.getName(), data.toString(), model.toString())
                .redirectError(data.resolve("err.txt").toFile()).start();
    }

    /** Reads the child's stdout until the image write stalls half way (its row is committed as pending by then). */
    private static void awaitStall(BufferedReader stdout) throws IOException {
        String line;
        while ((line = stdout.readLine()) != null && !line.equals(SlowPngWrites.STALLED)) {
            // the history opens, the row is committed, the image write starts
        }
        assertTrue(line != null, "the child's image write stalled");
    }

    private static void terminate(Process p) throws Exception {
        new ProcessBuilder("/bin/kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child exits on SIGTERM");
    }

    private List<Path> files(String suffix) throws IOException {
        Path images = new DataFolder(data).imagesDir();
        if (!Files.isDirectory(images)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(images)) {
            return all.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    /** After a start (which repairs), the rows and the images are the same set; returns the rows. */
    private List<HistoryRecord> reopenAndCheckPairs() throws Exception {
        try (HistoryStore store = HistoryStore.open(new DataFolder(data), m -> { })) {
            store.startupChecks().join();
            List<HistoryRecord> rows = store.list(HistoryQuery.latest(100));
            assertEquals(rows.size(), store.count());
            assertEquals(files(".png").stream().map(Path::toAbsolutePath).sorted().toList(),
                    rows.stream().map(r -> r.imageFile().toAbsolutePath()).sorted().toList(),
                    "every image has its row and every row its image");
            rows.forEach(r -> assertEquals(HistoryStatus.OK, r.status()));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                 Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM generation WHERE status = 'pending'")) {
                assertEquals(0, rs.getInt(1), "no row left pending");
            }
            assertEquals(List.of(), files(".tmp"), "no temp file left");
            return rows;
        }
    }

    /** The signal lands between the image moved into place and its row marked saved: the next start keeps both. */
    @Test
    void aSignalAfterTheImageIsWrittenKeepsImageAndRow() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs POSIX kill");
        Process p = child();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream stdin = p.getOutputStream();
             Connection lock = DriverManager.getConnection("jdbc:sqlite:" + new DataFolder(data).historyDatabase());
             Statement s = lock.createStatement()) {
            awaitStall(stdout);
            s.execute("BEGIN IMMEDIATE"); // the child's next write to the history waits for this lock
            stdin.write('\n');
            stdin.flush(); // the image write goes on, the file is moved into place
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (files(".png").isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(1, files(".png").size(), "the image is in place");
            terminate(p); // while the child waits to mark its row saved
            s.execute("ROLLBACK");
        }
        List<HistoryRecord> rows = reopenAndCheckPairs();
        assertEquals(1, rows.size(), "the image that was written keeps its row");
    }

    /** The signal lands while the image is half written: the temp file goes, and the next start drops the row. */
    @Test
    void aSignalDuringTheImageWriteLeavesNeitherImageNorRow() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs POSIX kill");
        Process p = child();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            awaitStall(stdout);
            terminate(p);
        }
        assertEquals(List.of(), reopenAndCheckPairs());
    }
}
