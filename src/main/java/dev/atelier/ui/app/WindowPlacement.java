package dev.atelier.ui.app;

import javafx.geometry.Rectangle2D;

import java.util.List;

/**
 * Where the window opens: the saved size and position when they make sense on the screens there
 * are now, else the default size, centred. Absurd saved values (zero, negative, not a number,
 * smaller than the minimum, larger than the screen, a title bar on no screen) mean defaults.
 *
 * @param x NaN when the window is to be centred
 * @param y NaN when the window is to be centred
 */
record WindowPlacement(double x, double y, double width, double height) {
    static final double MIN_WIDTH = 1000;
    static final double MIN_HEIGHT = 680;
    static final double DEFAULT_WIDTH = 1440;
    static final double DEFAULT_HEIGHT = 900;
    /** How much of the title bar must lie on a screen for the user to grab it. */
    private static final double GRAB = 80;
    private static final double TITLE_BAR = 30;

    boolean centred() {
        return Double.isNaN(x) || Double.isNaN(y);
    }

    /** @param primary the primary screen's visual bounds; {@code screens} all screens' */
    static WindowPlacement fit(Settings saved, Rectangle2D primary, List<Rectangle2D> screens) {
        double w = saved.windowWidth();
        double h = saved.windowHeight();
        boolean sizeOk = Double.isFinite(w) && Double.isFinite(h) && w >= Math.min(MIN_WIDTH, primary.getWidth())
                && h >= Math.min(MIN_HEIGHT, primary.getHeight())
                && screens.stream().anyMatch(s -> w <= s.getWidth() && h <= s.getHeight());
        if (!sizeOk) {
            return new WindowPlacement(Double.NaN, Double.NaN, Math.min(DEFAULT_WIDTH, primary.getWidth()),
                    Math.min(DEFAULT_HEIGHT, primary.getHeight()));
        }
        Double x = saved.windowX();
        Double y = saved.windowY();
        boolean placeOk = x != null && y != null && Double.isFinite(x) && Double.isFinite(y)
                && screens.stream().anyMatch(s -> grabbable(s, x, y, w));
        return placeOk ? new WindowPlacement(x, y, w, h) : new WindowPlacement(Double.NaN, Double.NaN, w, h);
    }

    private static boolean grabbable(Rectangle2D screen, double x, double y, double w) {
        double left = Math.max(screen.getMinX(), x);
        double right = Math.min(screen.getMaxX(), x + w);
        return right - left >= GRAB && y >= screen.getMinY() && y + TITLE_BAR <= screen.getMaxY();
    }
}
