package dev.atelier.wildcard;

/** A template that cannot be expanded: a missing wildcard, a self-including one, bad syntax. One line. */
public final class WildcardException extends IllegalArgumentException {
    public WildcardException(String message) {
        super(message);
    }
}
