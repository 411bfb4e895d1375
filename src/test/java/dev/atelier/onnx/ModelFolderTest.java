package dev.atelier.onnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening the signature fixtures: family detection, geometry and signatures read without ORT. */
class ModelFolderTest {

    @ParameterizedTest
    @CsvSource({"sd15, SD1, epsilon", "sd2v, SD2, v_prediction", "sdxl, SDXL, epsilon",
            "sd15-fp16, SD1, epsilon", "lcm, LCM, epsilon"})
    void detectsFamilyAndPredictionType(String fixture, ModelFamily family, String prediction) {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(fixture));
        assertEquals(family, folder.family());
        assertEquals(prediction, folder.predictionType());
        assertEquals(family.isXl(), folder.usesXlConditioning());
        assertEquals(family == ModelFamily.LCM, folder.usesGuidanceEmbedding());
    }

    @Test
    void geometryComesFromTheConfigs() {
        ModelGeometry sd = ModelFolder.open(Fixtures.fixture(Fixtures.SD15)).geometry();
        assertEquals(4, sd.latentChannels());
        assertEquals(8, sd.vaeScaleFactor(), "vae block_out_channels has 4 entries: 2^3");
        assertEquals(32, sd.sizeMultiple(), "8 x two U-Net downsamplings (3 block_out_channels)");
        assertEquals(0.18215f, sd.scalingFactor());
        assertEquals(64, sd.sampleWidth(), "unet sample_size 8 x 8");
        ModelGeometry xl = ModelFolder.open(Fixtures.fixture(Fixtures.SDXL)).geometry();
        assertEquals(0.13025f, xl.scalingFactor());
    }

    @Test
    void defaultsFallBackWithoutAtelierJson() {
        ModelDefaults d = ModelFolder.open(Fixtures.fixture(Fixtures.SD15)).defaults();
        assertEquals(20, d.steps());
        assertEquals(7.5, d.guidance());
        assertEquals(64, d.width());
    }

    @Test
    void sdxlKnowsForceZerosAndPenultimateHiddenState() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SDXL));
        assertTrue(folder.forceZerosForEmptyPrompt());
        assertEquals("hidden_states.1", HiddenStates.penultimate(folder.signature(Component.TEXT_ENCODER)).orElseThrow());
        assertEquals("EulerDiscreteScheduler", folder.schedulerClass());
        assertFalse(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)).forceZerosForEmptyPrompt());
    }

    @ParameterizedTest
    @CsvSource({"sd15", "sd2v", "sdxl", "sd15-fp16", "lcm"})
    void scannedSignaturesMatchOnnxRuntime(String fixture) {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(fixture));
        try (ModelSessions sessions = ModelSessions.load(folder, Device.CPU)) {
            for (Map.Entry<Component, Signature> e : folder.signatures().entrySet()) {
                OnnxModel model = sessions.model(e.getKey());
                assertEquals(model.inputs().keySet(), Map.copyOf(toMap(e.getValue())).keySet(), e.getKey().dirName());
                for (TensorSpec spec : e.getValue().inputs()) {
                    TensorSpec ort = model.inputs().get(spec.name());
                    assertEquals(ort.type(), spec.type(), spec.name());
                    assertArrayEquals(ort.shape(), spec.shape(), spec.name());
                }
                assertEquals(model.outputs().keySet(), toMap(new Signature(e.getValue().outputs(), java.util.List.of())).keySet());
            }
        }
    }

    @Test
    void dtypesOfTheVariantsAreRead() {
        Signature sd2 = ModelFolder.open(Fixtures.fixture(Fixtures.SD2V)).signature(Component.UNET);
        assertEquals(ElementType.INT64, sd2.input("timestep").orElseThrow().type());
        assertEquals(1, sd2.input("timestep").orElseThrow().rank());
        Signature xl = ModelFolder.open(Fixtures.fixture(Fixtures.SDXL)).signature(Component.UNET);
        assertEquals(0, xl.input("timestep").orElseThrow().rank(), "optimum exports a scalar timestep");
        Signature fp16 = ModelFolder.open(Fixtures.fixture(Fixtures.SD15_FP16)).signature(Component.UNET);
        assertEquals(ElementType.FLOAT16, fp16.input("sample").orElseThrow().type());
        assertEquals("[batch, 4, height, width]", fp16.input("sample").orElseThrow().shapeText());
    }

    private static Map<String, TensorSpec> toMap(Signature s) {
        Map<String, TensorSpec> m = new java.util.HashMap<>();
        s.inputs().forEach(t -> m.put(t.name(), t));
        return m;
    }
}
