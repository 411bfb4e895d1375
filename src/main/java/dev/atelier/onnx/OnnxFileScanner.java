package dev.atelier.onnx;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what Atelier needs from an ONNX file without loading its weights: the graph's declared
 * inputs/outputs and every {@code external_data} {@code location}. Weight payloads are skipped by
 * seeking, so a 3 GB U-Net is scanned in milliseconds. Field numbers are those of {@code onnx.proto3}.
 * Written by hand because ORT Java exposes neither the external-data table nor a way to read a
 * signature without materialising every initializer (see docs/ENGINE.md).
 */
final class OnnxFileScanner {
    /** What the scan found. */
    record Scan(Signature signature, Set<String> externalLocations, long irVersion) {
    }

    /** ONNX's own checker allows no deeper nesting either (protobuf's default recursion limit is 100). */
    static final int MAX_GRAPH_DEPTH = 64;
    /** Graph inputs plus outputs; a diffusion graph declares fewer than 100. */
    static final int MAX_VALUES = 10_000;
    /** Tensor rank; ONNX Runtime itself stops far below. */
    static final int MAX_RANK = 64;
    /** Distinct external-data files of one graph. */
    static final int MAX_EXTERNAL_FILES = 100_000;

    private final ProtoReader in;
    private final Set<String> external = new LinkedHashSet<>();

    private OnnxFileScanner(ProtoReader in) {
        this.in = in;
    }

    /** Scans {@code file}; throws {@link ModelFolderException} when it is missing or not a valid ONNX model. */
    static Scan scan(Path file) {
        Path real;
        try {
            real = CheckedFiles.regularFile(file, CheckedFiles.MAX_ONNX_BYTES); // a FIFO would block the open
        } catch (FileRefusedException e) {
            throw new ModelFolderException(file, e.reason() + "; expected an ONNX model here");
        }
        try (FileChannel ch = FileChannel.open(real, StandardOpenOption.READ)) {
            OnnxFileScanner scanner = new OnnxFileScanner(new ProtoReader(ch));
            return scanner.model();
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new ModelFolderException(file, CheckedFiles.refused(file, e).reason() + "; expected an ONNX model here");
        } catch (IOException e) {
            throw new ModelFolderException(file, "not a valid ONNX model (" + e.getMessage() + ")", e);
        }
    }

    private Scan model() throws IOException {
        long end = in.size();
        long irVersion = -1;
        Graph graph = null;
        long tag;
        while ((tag = in.readTag(end)) >= 0) {
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == ProtoReader.VARINT) {
                irVersion = in.readVarint();
            } else if (field == 7 && wire == ProtoReader.LENGTH_DELIMITED) {
                graph = graph(in.readLengthEnd(end), 1);
            } else if (field == 20 && wire == ProtoReader.LENGTH_DELIMITED) {
                trainingInfo(in.readLengthEnd(end));
            } else if (field == 25 && wire == ProtoReader.LENGTH_DELIMITED) {
                function(in.readLengthEnd(end));
            } else {
                in.skip(wire, end);
            }
        }
        if (graph == null || irVersion < 1) {
            throw new IOException("no ONNX graph or IR version found");
        }
        List<TensorSpec> inputs = new ArrayList<>();
        for (TensorSpec spec : graph.inputs) {
            if (!graph.initializers.contains(spec.name())) { // IR < 4 lists weights as inputs too
                inputs.add(spec);
            }
        }
        return new Scan(new Signature(inputs, graph.outputs), Set.copyOf(external), irVersion);
    }

    private static final class Graph {
        final List<TensorSpec> inputs = new ArrayList<>();
        final List<TensorSpec> outputs = new ArrayList<>();
        final Set<String> initializers = new HashSet<>();
    }

    /**
     * Reads a GraphProto; {@code depth} counts the graphs around it (If/Loop/Scan bodies nest), capped
     * so that a file of 100 000 nested subgraphs is refused instead of overflowing the stack.
     */
    private Graph graph(long end, int depth) throws IOException {
        if (depth > MAX_GRAPH_DEPTH) {
            throw new IOException("subgraphs nested more than " + MAX_GRAPH_DEPTH + " deep at byte " + in.position());
        }
        Graph g = new Graph();
        messageFields(end, (field, fieldEnd) -> {
            switch (field) {
                case 1 -> node(fieldEnd, depth);
                case 5 -> g.initializers.add(tensor(fieldEnd));
                case 15 -> sparseTensor(fieldEnd);
                case 11 -> g.inputs.add(valueInfo(fieldEnd));
                case 12 -> g.outputs.add(valueInfo(fieldEnd));
                default -> {
                    return false;
                }
            }
            if (g.inputs.size() + g.outputs.size() > MAX_VALUES) {
                throw new IOException("more than " + MAX_VALUES + " graph inputs and outputs; expected a few");
            }
            return true;
        });
        return g;
    }

    /** TrainingInfoProto: its initialization and algorithm graphs may hold external data too. */
    private void trainingInfo(long end) throws IOException {
        messageFields(end, (field, fieldEnd) -> {
            if (field != 1 && field != 2) {
                return false;
            }
            graph(fieldEnd, 1);
            return true;
        });
    }

    private void function(long end) throws IOException {
        // FunctionProto.node, and attribute_proto (default attribute values, which may be tensors)
        messageFields(end, (field, fieldEnd) -> {
            switch (field) {
                case 7 -> node(fieldEnd, 1);
                case 11 -> attribute(fieldEnd, 1);
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private void node(long end, int depth) throws IOException {
        // NodeProto.attribute
        messageFields(end, (field, fieldEnd) -> {
            if (field != 5) {
                return false;
            }
            attribute(fieldEnd, depth);
            return true;
        });
    }

    /** Attributes can hold tensors (Constant) and subgraphs (If/Loop/Scan), both of which may hold external data. */
    private void attribute(long end, int depth) throws IOException {
        messageFields(end, (field, fieldEnd) -> {
            switch (field) {
                case 5, 10 -> tensor(fieldEnd);
                case 6, 11 -> graph(fieldEnd, depth + 1);
                case 22, 23 -> sparseTensor(fieldEnd);
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private void sparseTensor(long end) throws IOException {
        // SparseTensorProto.values and .indices
        messageFields(end, (field, fieldEnd) -> {
            if (field != 1 && field != 2) {
                return false;
            }
            tensor(fieldEnd);
            return true;
        });
    }

    /** Reads one length-delimited field whose end is known; must leave the reader at that end. */
    @FunctionalInterface
    private interface FieldReader {
        /** @return whether the field was read; an unread field is skipped */
        boolean read(int field, long fieldEnd) throws IOException;
    }

    /**
     * Walks the fields of the message ending at {@code end}: length-delimited ones go to {@code reader},
     * everything else (and what the reader declines) is skipped.
     */
    private void messageFields(long end, FieldReader reader) throws IOException {
        long tag;
        while ((tag = in.readTag(end)) >= 0) {
            int wire = (int) (tag & 7);
            if (wire != ProtoReader.LENGTH_DELIMITED) {
                in.skip(wire, end);
                continue;
            }
            long fieldEnd = in.readLengthEnd(end);
            if (!reader.read((int) (tag >>> 3), fieldEnd)) {
                in.seek(fieldEnd, end);
            }
        }
    }

    /** Reads a TensorProto, recording its external data location; returns its name. */
    private String tensor(long end) throws IOException {
        String name = "";
        long tag;
        while ((tag = in.readTag(end)) >= 0) {
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 8 && wire == ProtoReader.LENGTH_DELIMITED) {
                name = in.readString(end);
            } else if (field == 13 && wire == ProtoReader.LENGTH_DELIMITED) {
                externalEntry(in.readLengthEnd(end));
            } else {
                in.skip(wire, end);
            }
        }
        return name;
    }

    private void externalEntry(long end) throws IOException {
        String key = "";
        String value = "";
        long tag;
        while ((tag = in.readTag(end)) >= 0) {
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == ProtoReader.LENGTH_DELIMITED) {
                key = in.readString(end);
            } else if (field == 2 && wire == ProtoReader.LENGTH_DELIMITED) {
                value = in.readString(end);
            } else {
                in.skip(wire, end);
            }
        }
        if (key.equals("location")) {
            external.add(value);
            if (external.size() > MAX_EXTERNAL_FILES) {
                throw new IOException("more than " + MAX_EXTERNAL_FILES + " external data files; expected a few");
            }
        }
    }

    private TensorSpec valueInfo(long end) throws IOException {
        String name = "";
        ElementType type = ElementType.OTHER;
        List<Long> dims = new ArrayList<>();
        List<String> dimNames = new ArrayList<>();
        long tag;
        while ((tag = in.readTag(end)) >= 0) {
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == ProtoReader.LENGTH_DELIMITED) {
                name = in.readString(end);
            } else if (field == 2 && wire == ProtoReader.LENGTH_DELIMITED) {
                type = typeProto(in.readLengthEnd(end), dims, dimNames);
            } else {
                in.skip(wire, end);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new TensorSpec(name, type, shape, dimNames.toArray(String[]::new));
    }

    private ElementType typeProto(long end, List<Long> dims, List<String> dimNames) throws IOException {
        ElementType type = ElementType.OTHER;
        long tag;
        while ((tag = in.readTag(end)) >= 0) {
            int wire = (int) (tag & 7);
            if ((tag >>> 3) == 1 && wire == ProtoReader.LENGTH_DELIMITED) { // tensor_type
                long tensorEnd = in.readLengthEnd(end);
                long t;
                while ((t = in.readTag(tensorEnd)) >= 0) {
                    int w = (int) (t & 7);
                    if ((t >>> 3) == 1 && w == ProtoReader.VARINT) {
                        type = ElementType.fromOnnxCode((int) in.readVarint());
                    } else if ((t >>> 3) == 2 && w == ProtoReader.LENGTH_DELIMITED) {
                        shape(in.readLengthEnd(tensorEnd), dims, dimNames);
                    } else {
                        in.skip(w, tensorEnd);
                    }
                }
            } else {
                in.skip(wire, end);
            }
        }
        return type;
    }

    private void shape(long end, List<Long> dims, List<String> dimNames) throws IOException {
        long tag;
        while ((tag = in.readTag(end)) >= 0) {
            int wire = (int) (tag & 7);
            if ((tag >>> 3) != 1 || wire != ProtoReader.LENGTH_DELIMITED) {
                in.skip(wire, end);
                continue;
            }
            long dimEnd = in.readLengthEnd(end);
            long value = -1;
            String param = "";
            long t;
            while ((t = in.readTag(dimEnd)) >= 0) {
                int w = (int) (t & 7);
                if ((t >>> 3) == 1 && w == ProtoReader.VARINT) {
                    value = in.readVarint();
                } else if ((t >>> 3) == 2 && w == ProtoReader.LENGTH_DELIMITED) {
                    param = in.readString(dimEnd);
                } else {
                    in.skip(w, dimEnd);
                }
            }
            dims.add(value);
            dimNames.add(param);
            if (dims.size() > MAX_RANK) {
                throw new IOException("a tensor of rank more than " + MAX_RANK + "; expected at most " + MAX_RANK);
            }
        }
    }
}
