package dev.atelier.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Conversions at the ORT boundary: element types and the rank-0 / [1] timestep. */
class TensorConversionTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private static TensorSpec spec(ElementType type, long... shape) {
        return new TensorSpec("x", type, shape);
    }

    @Test
    void float16RoundTripsThroughOrt() throws OrtException {
        float[] values = {0.1f, -2.5f, 65504f, 1e-8f};
        try (OnnxTensor t = TensorConversion.toOrt(ENV, spec(ElementType.FLOAT16, -1), Tensor.of(values, 4))) {
            assertEquals(OnnxJavaType.FLOAT16, t.getInfo().type);
            float[] back = new float[4];
            t.getFloatBuffer().get(back);
            for (int i = 0; i < 4; i++) {
                assertEquals(Float.float16ToFloat(Float.floatToFloat16(values[i])), back[i]);
            }
            assertEquals(0.099975586f, back[0], "0.1 in half precision");
        }
    }

    @Test
    void timestepBecomesInt64ScalarOrVector() throws OrtException {
        try (OnnxTensor scalar = TensorConversion.toOrt(ENV, spec(ElementType.INT64), Tensor.of(new float[] {999.7f}, 1))) {
            assertEquals(0, scalar.getInfo().getShape().length);
            assertEquals(999L, scalar.getLongBuffer().get(0), "numpy astype truncates");
        }
        try (OnnxTensor vector = TensorConversion.toOrt(ENV, spec(ElementType.INT64, -1), Tensor.scalar(5f))) {
            assertArrayEquals(new long[] {1}, vector.getInfo().getShape());
        }
        try (OnnxTensor f = TensorConversion.toOrt(ENV, spec(ElementType.FLOAT, -1), Tensor.of(new float[] {946.42f, 946.42f}, 2))) {
            assertEquals(946.42f, f.getFloatBuffer().get(1));
        }
    }

    @Test
    void inputIdsAsInt32OrInt64() throws OrtException {
        Tensor ids = Tensor.ofInts(new int[] {654, 12, 655}, 1, 3);
        try (OnnxTensor t = TensorConversion.toOrt(ENV, spec(ElementType.INT32, -1, -1), ids)) {
            assertEquals(OnnxJavaType.INT32, t.getInfo().type);
            assertEquals(655, t.getIntBuffer().get(2));
        }
        try (OnnxTensor t = TensorConversion.toOrt(ENV, spec(ElementType.INT64, -1, -1), ids)) {
            assertEquals(655L, t.getLongBuffer().get(2));
        }
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertEquals((short) 0x3F80, TensorConversion.toBfloat16(1.0f));
        assertEquals((short) 0x3F80, TensorConversion.toBfloat16(Float.intBitsToFloat(0x3F808000)), "tie to even");
        assertEquals((short) 0x3F82, TensorConversion.toBfloat16(Float.intBitsToFloat(0x3F818000)), "tie to even, up");
    }

    @Test
    void wrongRankIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorConversion.adaptShape(spec(ElementType.FLOAT, -1, 4), Tensor.of(new float[8], 2, 2, 2)));
        assertEquals("input 'x' is declared as [?, 4] (rank 2), got a tensor of shape [2, 2, 2]", e.getMessage());
    }
}
