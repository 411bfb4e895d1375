package dev.atelier.compare;

import java.util.List;

/**
 * The result of extending or re-running part of a saved grid.
 *
 * @param manifest the updated manifest (finished cells kept)
 * @param toRun    the cells that must be generated, in execution order
 */
public record GridExtension(GridManifest manifest, List<ManifestCell> toRun) {
    public GridExtension {
        toRun = List.copyOf(toRun);
    }
}
