package dev.atelier.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes just enough ONNX protobuf for tests: a model whose one initializer lives in external data. */
final class OnnxBytes {
    private OnnxBytes() {
    }

    /** ModelProto { ir_version 8, graph { initializer "w" [4] float, external_data location=location } }. */
    static byte[] modelWithExternalData(String location) {
        byte[] entry = concat(field(1, str("location")), field(2, str(location)));
        byte[] tensor = concat(varintField(1, 4), varintField(2, 1), field(8, str("w")), field(13, entry),
                varintField(14, 1));
        byte[] graph = concat(field(2, str("g")), field(5, tensor));
        return concat(varintField(1, 8), field(7, graph));
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
