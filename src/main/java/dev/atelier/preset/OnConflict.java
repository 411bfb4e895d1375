package dev.atelier.preset;

/** What an import does with a preset whose name the library already has. */
public enum OnConflict {
    /** Keep the library's preset, drop the imported one. */
    SKIP,
    /** The imported preset replaces the library's (the old one can be restored). */
    REPLACE,
    /** Import under a free name: {@code Name (2)}, {@code Name (3)}, … */
    RENAME
}
