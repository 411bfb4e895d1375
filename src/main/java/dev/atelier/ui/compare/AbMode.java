package dev.atelier.ui.compare;

/** How the A/B view lays out its two images. */
public enum AbMode {
    SIDE_BY_SIDE("Side by side"),
    WIPE("Wipe"),
    TOGGLE("Toggle"),
    DIFFERENCE("Difference");

    private final String label;

    AbMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
