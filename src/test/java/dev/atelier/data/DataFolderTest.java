package dev.atelier.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataFolderTest {

    @Test
    void overrideWins(@TempDir Path override) {
        assertEquals(override, DataFolder.locate(override.toString(), "Linux", "/home/u", Map.of()).root());
    }

    @Test
    void linuxUsesXdgDataHomeOrLocalShare() {
        assertEquals(Path.of("/xdg/atelier"), DataFolder.locate(null, "Linux", "/home/u", Map.of("XDG_DATA_HOME", "/xdg")).root());
        assertEquals(Path.of("/home/u/.local/share/atelier"), DataFolder.locate(null, "Linux", "/home/u", Map.of()).root());
    }

    @Test
    void windowsUsesAppData() {
        assertEquals(Path.of("C:/Users/u/AppData/Roaming", "Atelier"),
                DataFolder.locate(null, "Windows 11", "C:/Users/u", Map.of("APPDATA", "C:/Users/u/AppData/Roaming")).root());
    }

    @Test
    void macUsesApplicationSupport() {
        assertEquals(Path.of("/Users/u/Library/Application Support/Atelier"),
                DataFolder.locate(null, "Mac OS X", "/Users/u", Map.of()).root());
    }

    @Test
    void settingsAndLogsLiveInside() {
        DataFolder d = new DataFolder(Path.of("/d"));
        assertEquals(Path.of("/d/settings.json"), d.settingsFile());
        assertEquals(Path.of("/d/logs"), d.logDir());
    }

    @Test
    void environmentVariableComesAfterTheProperty() {
        assertEquals(Path.of("/env/data"), DataFolder.locate(null, "Linux", "/home/u", Map.of("ATELIER_DATA_DIR", "/env/data")).root());
        assertEquals(Path.of("/prop"), DataFolder.locate("/prop", "Linux", "/home/u", Map.of("ATELIER_DATA_DIR", "/env/data")).root());
    }

    @Test
    void otherStoresResolveInsideButNeverOutside() {
        DataFolder d = new DataFolder(Path.of("/d"));
        assertEquals(Path.of("/d/library.db"), d.resolve("library.db"));
        assertEquals(Path.of("/d/history.db"), d.historyDatabase());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> d.resolve("../elsewhere"));
    }
}
