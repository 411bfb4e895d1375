package dev.atelier.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UiCommandTest {

    @Test
    void linuxWithoutDisplayOrWaylandHasNoDisplay() {
        assertFalse(UiCommand.hasDisplay(Map.of(), "Linux", null));
        assertFalse(UiCommand.hasDisplay(Map.of("DISPLAY", " "), "Linux", null));
    }

    @Test
    void x11OrWaylandSessionIsADisplay() {
        assertTrue(UiCommand.hasDisplay(Map.of("DISPLAY", ":0"), "Linux", null));
        assertTrue(UiCommand.hasDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "FreeBSD", "false"));
    }

    @Test
    void windowsAndMacAlwaysHaveADesktop() {
        assertTrue(UiCommand.hasDisplay(Map.of(), "Windows 11", null));
        assertTrue(UiCommand.hasDisplay(Map.of(), "Mac OS X", null));
    }

    @Test
    void awtHeadlessMeansNoDisplayAnywhere() {
        assertFalse(UiCommand.hasDisplay(Map.of("DISPLAY", ":0"), "Linux", "true"));
        assertFalse(UiCommand.hasDisplay(Map.of(), "Windows 11", "TRUE"));
    }

    @Test
    void uiCommandWithoutDisplayPrintsOneLineAndFails() {
        // surefire runs with -Djava.awt.headless=true (pom.xml testfx.args): no window may open here
        assertEquals("true", System.getProperty("java.awt.headless"));
        CliRun run = CliRun.of("ui");
        assertEquals(1, run.exitCode());
        assertEquals(UiCommand.NO_DISPLAY, run.err().strip());
        assertEquals(1, run.errLines());
    }

    @Test
    void windowWithoutArgumentsAndWithoutDisplaySaysSoInOneLine() {
        // the path of `atelier` with no arguments, which skips the command tree
        StringWriter err = new StringWriter();
        AtomicBoolean prepared = new AtomicBoolean();
        assertEquals(1, UiCommand.openWindow(new PrintWriter(err, true), () -> prepared.set(true)));
        assertEquals(UiCommand.NO_DISPLAY, err.toString().strip());
        assertFalse(prepared.get(), "nothing is prepared for a window that cannot open");
    }

    /**
     * A window whose start fails (here: the data folder is a file, so no log folder) ends with one
     * line and exit 1, not a stack trace: the no-argument path skips picocli's failure handler, so it
     * has its own. Run in a child JVM on Monocle's headless screen (a JVM launches JavaFX only once).
     */
    @Test
    void aWindowThatFailsToStartSaysWhyInOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        java.nio.file.Path notAFolder = java.nio.file.Files.writeString(temp.resolve("data"), "a file, not a folder");
        java.nio.file.Path errFile = temp.resolve("err.txt");
        ProcessBuilder child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectError(errFile.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        child.environment().put("DISPLAY", ":99"); // a display is claimed; Monocle needs none
        child.environment().put("ATELIER_DATA_DIR", notAFolder.toString());
        Process p = child.start();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the child ends");
        String err = java.nio.file.Files.readString(errFile);
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("atelier: cannot create log folder"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }
}
