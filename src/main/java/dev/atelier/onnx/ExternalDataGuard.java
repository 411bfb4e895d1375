package dev.atelier.onnx;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;
import dev.atelier.files.Quoting;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Refuses ONNX external-data references that leave the model folder. Paths are compared after the
 * operating system resolves them ({@link Path#toRealPath}: every symbolic link in every component,
 * then {@code ..}), never as text: {@code d/../w.bin} with {@code d} a link to another folder is
 * read from that folder by ONNX Runtime. A model file is data a user downloaded; it must not make
 * the app read arbitrary files.
 */
final class ExternalDataGuard {
    private ExternalDataGuard() {
    }

    /**
     * @param realRoot the model folder's own real path
     * @param onnxFile the graph whose external data is checked; locations are relative to its folder
     */
    static void check(Path realRoot, Path onnxFile, Iterable<String> locations) {
        Path base = onnxFile.getParent();
        for (String location : locations) {
            if (location.indexOf('\0') >= 0) {
                throw new ModelFolderException(onnxFile, "external data location " + Quoting.quote(location)
                        + " contains a NUL character; expected a file name");
            }
            Path target;
            try {
                Path rel = Path.of(location);
                if (location.isEmpty() || rel.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
                    throw escape(onnxFile, location);
                }
                target = base.resolve(rel); // not normalised: ".." must apply after the links before it
            } catch (InvalidPathException e) {
                throw new ModelFolderException(onnxFile, "external data location " + Quoting.quote(location)
                        + " is not a valid path");
            }
            Path real;
            try {
                real = CheckedFiles.realPath(target);
            } catch (FileRefusedException e) {
                throw new ModelFolderException(onnxFile, "external data file " + Quoting.quote(location) + ": "
                        + e.reason() + "; expected it next to the model at " + Quoting.quote(target.normalize().toString()));
            }
            if (!real.startsWith(realRoot)) {
                throw escape(onnxFile, location);
            }
            try {
                // no size cap: external data is where multi-gigabyte weights live
                CheckedFiles.regularFileInside(realRoot, target, Long.MAX_VALUE);
            } catch (FileRefusedException e) {
                throw new ModelFolderException(onnxFile, "external data file " + Quoting.quote(location) + " "
                        + e.reason());
            }
        }
    }

    private static ModelFolderException escape(Path onnxFile, String location) {
        return new ModelFolderException(onnxFile, "external data location " + Quoting.quote(location)
                + " points outside the model folder; expected a file inside the folder");
    }
}
