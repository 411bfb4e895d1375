package dev.atelier.session;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.SessionLease;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Real sessions of the tiny fixture models: reuse, LRU eviction by count and bytes, leases. */
class SessionPoolTest {
    private static final ModelFolder A = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
    private static final ModelFolder B = ModelFolder.open(Fixtures.fixture(Fixtures.SD2V));
    private static final ModelFolder C = ModelFolder.open(Fixtures.fixture(Fixtures.LCM));

    private static void use(SessionPool pool, ModelFolder f) {
        try (SessionLease lease = pool.acquire(f, Device.CPU)) {
            assertNotNull(lease.sessions().model(dev.atelier.onnx.Component.UNET));
        }
    }

    private static SessionPool.Key key(ModelFolder f) {
        return new SessionPool.Key(f.root(), Device.CPU);
    }

    @Test
    void switchingAToBToAReloadsNothingWithinTheDefaultBudget() {
        try (SessionPool pool = new SessionPool()) {
            use(pool, A);
            use(pool, B);
            use(pool, A);
            assertEquals(2, pool.sessionsCreated());
            assertEquals(1, pool.loads(A.root(), Device.CPU));
            assertEquals(List.of(key(B), key(A)), pool.resident(), "least recently used first");
            use(pool, C);
            assertEquals(List.of(key(A), key(C)), pool.resident(), "B was least recently used");
            assertEquals(1, pool.evictions());
            use(pool, B);
            assertEquals(2, pool.loads(B.root(), Device.CPU), "B reloaded after eviction");
        }
    }

    @Test
    void aModelInUseIsNeverClosed() {
        try (SessionPool pool = new SessionPool(new SessionBudget(1, Long.MAX_VALUE))) {
            SessionLease a = pool.acquire(A, Device.CPU);
            use(pool, B);
            assertEquals(List.of(key(A), key(B)), pool.resident(), "A held, B the most recent: both stay");
            SessionLease again = pool.acquire(A, Device.CPU);
            assertEquals(List.of(key(A)), pool.resident(), "B unused and least recent: evicted");
            assertSame(a.sessions(), again.sessions(), "shared, not reloaded");
            assertEquals(2, pool.leases(A.root(), Device.CPU));
            SessionLease b = pool.acquire(B, Device.CPU);
            assertEquals(List.of(key(A), key(B)), pool.resident(), "over budget while both are in use");
            a.close();
            again.close();
            assertEquals(List.of(key(B)), pool.resident(), "A closed when its last lease closed");
            assertThrows(IllegalStateException.class, a::sessions);
            b.close();
            assertEquals(1, pool.loads(A.root(), Device.CPU));
            assertEquals(2, pool.loads(B.root(), Device.CPU));
        }
    }

    @Test
    void theByteBudgetEvictsToo() {
        long aBytes = SessionPool.modelBytes(A.root());
        try (SessionPool pool = new SessionPool(new SessionBudget(10, aBytes))) {
            use(pool, A);
            assertEquals(List.of(key(A)), pool.resident());
            use(pool, B);
            assertEquals(List.of(key(B)), pool.resident());
        }
        assertThrows(IllegalArgumentException.class, () -> new SessionBudget(0, 1));
    }
}
