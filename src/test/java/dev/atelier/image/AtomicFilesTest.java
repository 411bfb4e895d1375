package dev.atelier.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void failureHalfWayKeepsOldContentAndRemovesTemp() throws IOException {
        Path target = Files.writeString(dir.resolve("styles.csv"), "old");
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new cont".getBytes(StandardCharsets.UTF_8));
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), filesInDir());
    }

    @Test
    void failureOnNewFileLeavesNothing() throws IOException {
        Path target = dir.resolve("new.png");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("encoder bug");
        }));
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void replacesContent() throws IOException {
        Path target = Files.writeString(dir.resolve("f.bin"), "old content that is longer");
        byte[] bytes = {1, 2, 3};
        AtomicFiles.writeBytes(target, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertEquals(List.of(target), filesInDir());
    }

    @Test
    void sweepRemovesOnlyStaleTempFilesOfOurNaming() throws IOException {
        Path stale = Files.writeString(dir.resolve(".a.png.9f0b091015385022.tmp"), "x");
        Path fresh = Files.writeString(dir.resolve(".b.png.0123abcd.tmp"), "x");
        Path foreign = Files.writeString(dir.resolve(".editor.swp.tmp"), "x");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60));
        Files.setLastModifiedTime(stale, old);
        Files.setLastModifiedTime(foreign, old);
        assertEquals(1, AtomicFiles.sweepStale(dir));
        assertEquals(List.of(fresh, foreign), filesInDir());
    }

    @Test
    void writesLeaveNoTempFileRegistered() throws IOException {
        AtomicFiles.writeBytes(dir.resolve("a.bin"), new byte[] {1});
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("b.bin"), out -> {
            throw new IOException("half way");
        }));
        assertEquals(java.util.Set.of(), AtomicFiles.inFlight().stream().filter(p -> p.startsWith(dir)).collect(
                java.util.stream.Collectors.toSet()));
    }

    @Test
    void checkWritableCreatesNothingAndRefusesANameTooLongForItsTempFile() throws IOException {
        AtomicFiles.checkWritable(dir.resolve("ok.png"));
        assertEquals(List.of(), filesInDir());
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(dir.resolve("n".repeat(250))));
        assertEquals(true, e.getMessage().contains("file name too long"), e.getMessage());
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void aFullDiskSaysSoInsteadOfTheEncodersMessage() throws IOException {
        Path target = dir.resolve("a.png");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            throw new javax.imageio.IIOException("I/O error writing PNG file!", new IOException("No space left on device"));
        }));
        assertEquals("Cannot write " + target + ": disk full (no space left on device)", e.getMessage());
        assertEquals(List.of(), filesInDir());
    }
}
