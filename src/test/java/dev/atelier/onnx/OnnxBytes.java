package dev.atelier.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes just enough ONNX protobuf for tests: models whose external data sits in each place the
 * format allows it, and hostile shapes (deep nesting, oversized names). Field numbers are those of
 * {@code onnx.proto3}.
 */
final class OnnxBytes {
    private OnnxBytes() {
    }

    /** ModelProto { ir_version 8, graph { initializer "w" [4] float, external_data location=location } }. */
    static byte[] modelWithExternalData(String location) {
        byte[] graph = concat(field(2, str("g")), field(5, externalTensor(location)));
        return concat(varintField(1, 8), field(7, graph));
    }

    /** A TensorProto named "w" whose data lives in {@code location}. */
    static byte[] externalTensor(String location) {
        byte[] entry = concat(field(1, str("location")), field(2, str(location)));
        return concat(varintField(1, 4), varintField(2, 1), field(8, str("w")), field(13, entry), varintField(14, 1));
    }

    /** A plain graph (no external data) plus a training_info whose initialization graph has external data. */
    static byte[] modelWithTrainingInfoExternalData(String location) {
        byte[] init = concat(field(2, str("init")), field(5, externalTensor(location)));
        byte[] trainingInfo = field(1, init); // TrainingInfoProto.initialization
        return concat(varintField(1, 8), field(7, field(2, str("g"))), field(20, trainingInfo));
    }

    /** A graph whose one node has an If-style subgraph attribute holding external data. */
    static byte[] modelWithSubgraphExternalData(String location) {
        byte[] body = concat(field(2, str("then")), field(5, externalTensor(location)));
        byte[] attribute = concat(field(1, str("then_branch")), field(6, body));
        byte[] node = concat(field(4, str("If")), field(5, attribute));
        return concat(varintField(1, 8), field(7, concat(field(1, node), field(2, str("g")))));
    }

    /** A graph with a sparse initializer whose values tensor has external data. */
    static byte[] modelWithSparseExternalData(String location) {
        byte[] sparse = field(1, externalTensor(location));
        return concat(varintField(1, 8), field(7, concat(field(2, str("g")), field(15, sparse))));
    }

    /** A model-local function whose attribute default (attribute_proto) is a tensor with external data. */
    static byte[] modelWithFunctionExternalData(String location) {
        byte[] attribute = concat(field(1, str("w")), field(5, externalTensor(location)));
        byte[] function = concat(field(1, str("f")), field(11, attribute));
        return concat(varintField(1, 8), field(7, field(2, str("g"))), field(25, function));
    }

    /**
     * {@code depth} graphs nested through node attributes (graph → node → attribute.g → graph ...),
     * written inside out into a reversed buffer so that 100 000 levels take linear time.
     */
    static byte[] nestedSubgraphs(int depth) {
        ByteArrayOutputStream reversed = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            prependHeader(reversed, 6);  // AttributeProto.g
            prependHeader(reversed, 5);  // NodeProto.attribute
            prependHeader(reversed, 1);  // GraphProto.node
        }
        prependHeader(reversed, 7);      // ModelProto.graph
        byte[] ir = varintField(1, 8);
        for (int i = ir.length - 1; i >= 0; i--) {
            reversed.write(ir[i]);
        }
        byte[] bytes = reversed.toByteArray();
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return bytes;
    }

    private static void prependHeader(ByteArrayOutputStream reversed, int field) {
        byte[] header = concat(varint((long) field << 3 | 2), varint(reversed.size()));
        for (int i = header.length - 1; i >= 0; i--) {
            reversed.write(header[i]);
        }
    }

    /**
     * The start of a model whose graph input name declares {@code nameLength} bytes; the caller pads
     * the file (sparsely) so that the declared length fits inside it.
     */
    static byte[] modelHeadWithInputNameOf(long nameLength) {
        long valueInfo = 1 + varint(nameLength).length + nameLength;
        long graph = 1 + varint(valueInfo).length + valueInfo;
        return concat(varintField(1, 8), varint(7 << 3 | 2), varint(graph), varint(11 << 3 | 2), varint(valueInfo),
                varint(1 << 3 | 2), varint(nameLength));
    }

    static byte[] str(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] field(int number, byte[] payload) {
        return concat(varint((long) number << 3 | 2), varint(payload.length), payload);
    }

    static byte[] varintField(int number, long value) {
        return concat(varint((long) number << 3), varint(value));
    }

    static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
