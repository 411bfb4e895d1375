package dev.atelier.preset;

import java.time.Instant;
import java.util.Objects;

/** A preset as the library holds it: its row id and when it was created and last changed. */
public record LibraryEntry(long id, Preset preset, Instant created, Instant updated) {
    public LibraryEntry {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }
}
