package dev.atelier.ui.app;

import dev.atelier.ui.composer.PromptFields;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1920, 1080);
    private static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 2560, 1440);

    private static Settings saved(double w, double h, Double x, Double y) {
        return new Settings(null, List.of(), null, 0, 0, 0, false, 0, 0, "CPU", PromptFields.empty(), w, h, x, y);
    }

    @Test
    void aSensibleSavedPlacementIsKept() {
        WindowPlacement p = WindowPlacement.fit(saved(1300, 850, 100.0, 50.0), LAPTOP, List.of(LAPTOP));
        assertEquals(new WindowPlacement(100, 50, 1300, 850), p);
        WindowPlacement second = WindowPlacement.fit(saved(2400, 1400, 2000.0, 20.0), LAPTOP, List.of(LAPTOP, RIGHT));
        assertEquals(new WindowPlacement(2000, 20, 2400, 1400), second, "fits the second screen");
    }

    @Test
    void absurdSizesMeanTheDefaultSize() {
        for (double[] wh : new double[][] {{0, 0}, {-5, 900}, {1300, -1}, {99999, 900}, {Double.NaN, 900}, {400, 300}}) {
            WindowPlacement p = WindowPlacement.fit(saved(wh[0], wh[1], 10.0, 10.0), LAPTOP, List.of(LAPTOP));
            assertEquals(1440, p.width(), "for " + wh[0] + "×" + wh[1]);
            assertEquals(900, p.height());
            assertTrue(p.centred());
        }
    }

    @Test
    void theDefaultNeverExceedsASmallScreen() {
        Rectangle2D small = new Rectangle2D(0, 0, 1280, 800);
        WindowPlacement p = WindowPlacement.fit(Settings.defaults(), small, List.of(small));
        assertEquals(1280, p.width());
        assertEquals(800, p.height());
    }

    @Test
    void anOffScreenPositionIsCentred() {
        assertTrue(WindowPlacement.fit(saved(1300, 850, -5000.0, 40.0), LAPTOP, List.of(LAPTOP)).centred());
        assertTrue(WindowPlacement.fit(saved(1300, 850, 100.0, 1070.0), LAPTOP, List.of(LAPTOP)).centred(), "title bar below the screen");
        assertTrue(WindowPlacement.fit(saved(1300, 850, 3000.0, 40.0), LAPTOP, List.of(LAPTOP)).centred(), "the second screen is gone");
        assertTrue(WindowPlacement.fit(saved(1300, 850, null, null), LAPTOP, List.of(LAPTOP)).centred());
        assertFalse(WindowPlacement.fit(saved(1300, 850, -1200.0, 40.0), LAPTOP, List.of(LAPTOP)).centred(),
                "100 px of title bar still on screen can be grabbed");
    }
}
