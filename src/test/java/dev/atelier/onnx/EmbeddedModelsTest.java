package dev.atelier.onnx;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedModelsTest {

    @Test
    void searchesTheWorkingDirectoryFirst() {
        assertEquals(Path.of("").toAbsolutePath(), EmbeddedModels.searchRoots().get(0));
        assertEquals(EmbeddedModels.searchRoots().size(), new java.util.HashSet<>(EmbeddedModels.searchRoots()).size(), "no duplicates");
        assertTrue(EmbeddedModels.searchRoots().size() >= 2, "then the classes/jar folder and its parent");
    }

    @Test
    void findsOnlyExistingModels() {
        assertTrue(EmbeddedModels.find("no-such-model-here").isEmpty());
        EmbeddedModels.find(EmbeddedModels.DEFAULT).ifPresent(dir -> assertTrue(Files.isDirectory(dir)));
    }

    @Test
    void missingDefaultModelSaysWhereItLooked() {
        org.junit.jupiter.api.Assumptions.assumeTrue(EmbeddedModels.find(EmbeddedModels.DEFAULT).isEmpty(),
                "the embedded model is present");
        ModelFolderException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFolderException.class,
                EmbeddedModels::defaultModel);
        assertTrue(e.getMessage().contains("pass --model DIR"), e.getMessage());
    }
}
