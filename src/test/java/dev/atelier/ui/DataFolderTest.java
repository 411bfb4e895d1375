package dev.atelier.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataFolderTest {

    @Test
    void overrideWins(@TempDir Path override) {
        assertEquals(override, DataFolder.resolve(override.toString(), "Linux", "/home/u", Map.of()).root());
    }

    @Test
    void linuxUsesXdgDataHomeOrLocalShare() {
        assertEquals(Path.of("/xdg/atelier"), DataFolder.resolve(null, "Linux", "/home/u", Map.of("XDG_DATA_HOME", "/xdg")).root());
        assertEquals(Path.of("/home/u/.local/share/atelier"), DataFolder.resolve(null, "Linux", "/home/u", Map.of()).root());
    }

    @Test
    void windowsUsesAppData() {
        assertEquals(Path.of("C:/Users/u/AppData/Roaming", "Atelier"),
                DataFolder.resolve(null, "Windows 11", "C:/Users/u", Map.of("APPDATA", "C:/Users/u/AppData/Roaming")).root());
    }

    @Test
    void macUsesApplicationSupport() {
        assertEquals(Path.of("/Users/u/Library/Application Support/Atelier"),
                DataFolder.resolve(null, "Mac OS X", "/Users/u", Map.of()).root());
    }

    @Test
    void settingsAndLogsLiveInside() {
        DataFolder d = new DataFolder(Path.of("/d"));
        assertEquals(Path.of("/d/settings.json"), d.settingsFile());
        assertEquals(Path.of("/d/logs"), d.logDir());
    }
}
