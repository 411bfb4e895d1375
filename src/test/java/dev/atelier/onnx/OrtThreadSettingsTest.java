package dev.atelier.onnx;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread settings read from system properties (the CLI's --threads/--spin); restored after each check. */
class OrtThreadSettingsTest {
    private static <T> T with(String property, String value, java.util.function.Supplier<T> read) {
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            return read.get();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    void threadCountIsReadAndCheckedWithOneClearLine() {
        assertEquals(3, with(ExecutionProviders.THREADS_PROPERTY, " 3 ", OrtThreadSettings::intraOpThreads));
        assertEquals(0, with(ExecutionProviders.THREADS_PROPERTY, "", OrtThreadSettings::intraOpThreads));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with(ExecutionProviders.THREADS_PROPERTY, "many", OrtThreadSettings::intraOpThreads));
        assertTrue(e.getMessage().contains("'many'") && e.getMessage().contains("expected a whole number"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> with(ExecutionProviders.THREADS_PROPERTY, "-1", OrtThreadSettings::intraOpThreads));
    }

    @Test
    void spinningIsOffUnlessAskedFor() {
        assertTrue(with(ExecutionProviders.SPINNING_PROPERTY, "true", OrtThreadSettings::spinning));
        assertFalse(with(ExecutionProviders.SPINNING_PROPERTY, "false", OrtThreadSettings::spinning));
        assertFalse(with(ExecutionProviders.SPINNING_PROPERTY, "yes please", OrtThreadSettings::spinning));
    }
}
