package dev.atelier.onnx;

/** ONNX tensor element types Atelier meets at the ORT boundary; codes are {@code TensorProto.DataType}. */
public enum ElementType {
    FLOAT(1, "float32"),
    UINT8(2, "uint8"),
    INT8(3, "int8"),
    INT32(6, "int32"),
    INT64(7, "int64"),
    BOOL(9, "bool"),
    FLOAT16(10, "float16"),
    DOUBLE(11, "float64"),
    BFLOAT16(16, "bfloat16"),
    OTHER(-1, "other");

    private final int onnxCode;
    private final String label;

    ElementType(int onnxCode, String label) {
        this.onnxCode = onnxCode;
        this.label = label;
    }

    /** The type for an ONNX {@code TensorProto.DataType} code; {@link #OTHER} when Atelier does not handle it. */
    public static ElementType fromOnnxCode(int code) {
        for (ElementType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        return OTHER;
    }

    /** numpy-style name, as printed by {@code info}. */
    public String label() {
        return label;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == FLOAT16 || this == DOUBLE || this == BFLOAT16;
    }
}
