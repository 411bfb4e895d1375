package dev.atelier.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Refuses ONNX external-data references that leave the model folder: absolute paths, {@code ..}
 * segments and symbolic links that resolve elsewhere. A model file is data a user downloaded;
 * it must not make the app read arbitrary files.
 */
final class ExternalDataGuard {
    private ExternalDataGuard() {
    }

    static void check(Path modelRoot, Path onnxFile, Iterable<String> locations) {
        Path base = onnxFile.getParent();
        for (String location : locations) {
            Path target;
            try {
                Path rel = Path.of(location);
                if (rel.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
                    throw escape(onnxFile, location);
                }
                target = base.resolve(rel).normalize();
            } catch (InvalidPathException e) {
                throw new ModelFolderException(onnxFile, "external data location '" + location + "' is not a valid path");
            }
            if (!target.startsWith(modelRoot)) {
                throw escape(onnxFile, location);
            }
            if (!Files.isRegularFile(target)) {
                throw new ModelFolderException(onnxFile, "external data file '" + location
                        + "' is missing; expected it next to the model at " + target);
            }
            try {
                if (!target.toRealPath().startsWith(modelRoot.toRealPath())) {
                    throw escape(onnxFile, location);
                }
            } catch (IOException e) {
                throw new ModelFolderException(onnxFile, "external data file '" + location + "' cannot be read", e);
            }
        }
    }

    private static ModelFolderException escape(Path onnxFile, String location) {
        return new ModelFolderException(onnxFile, "external data location '" + location
                + "' points outside the model folder; expected a file inside the folder");
    }
}
