package dev.atelier.onnx;

import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provider choice, CUDA fallback on a CPU-only build, and the session cache. */
class ExecutionProvidersTest {

    @Test
    void cudaWithoutTheProviderFallsBackWithAWarning() {
        ProviderChoice c = ExecutionProviders.choose(Device.CUDA, EnumSet.of(OrtProvider.CPU));
        assertEquals(Device.CPU, c.used());
        assertTrue(c.fellBack());
        assertTrue(c.warningText().orElseThrow().contains("-Pcuda"));
        ProviderChoice cuda = ExecutionProviders.choose(Device.CUDA, EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA));
        assertEquals(Device.CUDA, cuda.used());
        assertFalse(ExecutionProviders.choose(Device.CPU, EnumSet.of(OrtProvider.CPU)).fellBack());
    }

    @Test
    void sessionsOnThisBuildReportTheProviderThatRan() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
        try (ModelSessions s = ModelSessions.load(folder, Device.CUDA)) {
            boolean hasCuda = ExecutionProviders.available().contains(OrtProvider.CUDA);
            assertEquals(hasCuda ? Device.CUDA : Device.CPU, s.provider().used());
            assertEquals(!hasCuda, s.provider().fellBack());
        }
    }

    @Test
    void cacheReusesSessionsPerFolderAndDeviceAndClosesThem() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
        SessionCache cache = new SessionCache();
        ModelSessions first = cache.get(folder, Device.CPU);
        assertSame(first, cache.get(ModelFolder.open(folder.root()), Device.CPU), "same folder, same sessions");
        assertEquals(1, cache.size());
        cache.get(folder, Device.CUDA);
        assertEquals(2, cache.size(), "keyed by device too");
        cache.evict(folder.root());
        assertEquals(0, cache.size());
        cache.close();
        assertThrows(IllegalStateException.class, () -> cache.get(folder, Device.CPU));
    }

    @Test
    void deviceNames() {
        assertEquals(Device.CUDA, Device.fromCliName("CUDA"));
        assertThrows(IllegalArgumentException.class, () -> Device.fromCliName("tpu"));
    }
}
