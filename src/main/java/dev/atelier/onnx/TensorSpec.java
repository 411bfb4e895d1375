package dev.atelier.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * One declared graph input or output.
 *
 * @param name  the ONNX name
 * @param type  element type
 * @param shape dimensions; {@code -1} for a symbolic (dynamic) dimension, empty for a scalar
 * @param dimNames symbolic names per dimension ({@code ""} where the dimension is fixed or unnamed)
 */
public record TensorSpec(String name, ElementType type, long[] shape, String[] dimNames) {
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
        dimNames = dimNames == null ? new String[shape.length] : dimNames.clone();
        if (dimNames.length != shape.length) {
            throw new IllegalArgumentException("dimNames must match shape rank");
        }
        for (int i = 0; i < dimNames.length; i++) {
            dimNames[i] = dimNames[i] == null ? "" : dimNames[i];
        }
    }

    public TensorSpec(String name, ElementType type, long[] shape) {
        this(name, type, shape, null);
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String[] dimNames() {
        return dimNames.clone();
    }

    /** Size of dimension {@code i}, or -1 when it is dynamic. */
    public long dim(int i) {
        return shape[i];
    }

    public boolean isDynamic(int i) {
        return shape[i] < 0;
    }

    /** Shape as text, e.g. {@code [batch, 4, 64, 64]} with symbolic names where declared. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (shape[i] >= 0) {
                sb.append(shape[i]);
            } else {
                sb.append(dimNames[i].isEmpty() ? "?" : dimNames[i]);
            }
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return name + ": " + type.label() + " " + shapeText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape));
    }
}
