package dev.atelier.ui;

/** Shows short messages in the window (the view uses a ControlsFX NotificationPane). */
public interface Notifier {
    void error(String message);

    void info(String message);
}
