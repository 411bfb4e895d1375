package dev.atelier.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hand-written ONNX protobuf (ModelProto, opset 17) for a graph that multiplies its first input by
 * NaN: a U-Net or VAE decoder whose weights are "damaged", with the declared inputs of the real one.
 */
public final class NanGraph {
    private NanGraph() {
    }

    /** One float32 input: its name and dims ({@code null} entries are symbolic). */
    public record Input(String name, Object... dims) {
    }

    /** {@code output = inputs[0] * NaN}; every other input is declared but unused. */
    public static byte[] model(String output, List<Input> inputs) {
        Input first = inputs.getFirst();
        byte[] node = concat(field(1, str(first.name())), field(1, str("nan")), field(2, str(output)),
                field(4, str("Mul")));
        byte[] nan = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).array();
        byte[] initializer = concat(varintField(2, 1), field(8, str("nan")), field(9, nan));
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        graph.writeBytes(field(1, node));
        graph.writeBytes(field(2, str("damaged")));
        graph.writeBytes(field(5, initializer));
        for (Input in : inputs) {
            graph.writeBytes(field(11, valueInfo(in.name(), in.dims())));
        }
        graph.writeBytes(field(12, valueInfo(output, first.dims())));
        byte[] opset = concat(field(1, str("")), varintField(2, 17));
        return concat(varintField(1, 8), field(8, opset), field(7, graph.toByteArray()));
    }

    private static byte[] valueInfo(String name, Object... dims) {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        for (int i = 0; i < dims.length; i++) {
            byte[] dim = dims[i] == null ? field(2, str("d" + i)) : varintField(1, ((Number) dims[i]).longValue());
            shape.writeBytes(field(1, dim));
        }
        byte[] tensorType = concat(varintField(1, 1), field(2, shape.toByteArray()));
        return concat(field(1, str(name)), field(2, field(1, tensorType)));
    }

    /** A writable copy of {@code source} (a model folder) under {@code target}. */
    public static Path copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }

    private static byte[] str(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] field(int number, byte[] payload) {
        return concat(varint((long) number << 3 | 2), varint(payload.length), payload);
    }

    private static byte[] varintField(int number, long value) {
        return concat(varint((long) number << 3), varint(value));
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
