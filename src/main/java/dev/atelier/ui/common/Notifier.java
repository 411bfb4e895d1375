package dev.atelier.ui.common;

/** Shows short messages in the window (the view shows them in a {@code NoticeBar} under the toolbar). */
public interface Notifier {
    void error(String message);

    void info(String message);
}
