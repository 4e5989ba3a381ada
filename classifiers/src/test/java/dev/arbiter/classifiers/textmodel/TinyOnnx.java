package dev.arbiter.classifiers.textmodel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the same bag-of-embeddings classifier as {@link TinyTorchScript} as an ONNX model (opset 13), encoding the
 * ONNX protobuf messages by hand: Gather, masked mean (Cast, Unsqueeze, Mul, ReduceSum, Max, Div), MatMul, Add.
 */
final class TinyOnnx {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTRIBUTE_INT = 2;

    private TinyOnnx() {
    }

    static void write(Path file, float[][] embedding, float[][] weight, float[] bias) throws IOException {
        float[][] transposed = new float[weight[0].length][weight.length];
        for (int i = 0; i < weight.length; i++) {
            for (int j = 0; j < weight[0].length; j++) {
                transposed[j][i] = weight[i][j];
            }
        }
        Proto graph = new Proto()
                .message(1, node("Gather", new String[] {"embedding", "input_ids"}, "embedded", null, 0))
                .message(1, node("Cast", new String[] {"attention_mask"}, "mask", "to", FLOAT))
                .message(1, node("Unsqueeze", new String[] {"mask", "last_axis"}, "mask3", null, 0))
                .message(1, node("Mul", new String[] {"embedded", "mask3"}, "masked", null, 0))
                .message(1, node("ReduceSum", new String[] {"masked", "token_axis"}, "summed", "keepdims", 0))
                .message(1, node("ReduceSum", new String[] {"mask3", "token_axis"}, "count", "keepdims", 0))
                .message(1, node("Max", new String[] {"count", "one"}, "safe_count", null, 0))
                .message(1, node("Div", new String[] {"summed", "safe_count"}, "pooled", null, 0))
                .message(1, node("MatMul", new String[] {"pooled", "weight_t"}, "projected", null, 0))
                .message(1, node("Add", new String[] {"projected", "bias"}, "logits", null, 0))
                .string(2, "tiny-text-classifier")
                .message(5, floatTensor("embedding", embedding))
                .message(5, floatTensor("weight_t", transposed))
                .message(5, floatTensor("bias", new float[][] {bias}, bias.length))
                .message(5, floatTensor("one", new float[][] {{1f}}, 1))
                .message(5, longTensor("last_axis", -1))
                .message(5, longTensor("token_axis", 1))
                .message(11, valueInfo("input_ids", INT64, "batch", "tokens"))
                .message(11, valueInfo("attention_mask", INT64, "batch", "tokens"))
                .message(12, valueInfo("logits", FLOAT, "batch", Integer.toString(bias.length)));
        Proto model = new Proto()
                .varint(1, 7)
                .string(2, "arbiter-tests")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13));
        Files.write(file, model.bytes());
    }

    private static Proto node(String op, String[] inputs, String output, String attribute, long value) {
        Proto node = new Proto();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "_" + output).string(4, op);
        if (attribute != null) {
            node.message(5, new Proto().string(1, attribute).varint(3, value).varint(20, ATTRIBUTE_INT));
        }
        return node;
    }

    private static Proto floatTensor(String name, float[][] rows) {
        return floatTensor(name, rows, rows.length, rows[0].length);
    }

    private static Proto floatTensor(String name, float[][] rows, int... dims) {
        int count = 0;
        for (float[] row : rows) {
            count += row.length;
        }
        ByteBuffer raw = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float value : row) {
                raw.putFloat(value);
            }
        }
        Proto tensor = new Proto();
        for (int dim : dims) {
            tensor.varint(1, dim);
        }
        return tensor.varint(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    private static Proto longTensor(String name, long value) {
        byte[] raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        return new Proto().varint(1, 1).varint(2, INT64).string(8, name).bytes(9, raw);
    }

    private static Proto valueInfo(String name, int elementType, String... dims) {
        Proto shape = new Proto();
        for (String dim : dims) {
            shape.message(1, dim.chars().allMatch(Character::isDigit) ? new Proto().varint(1, Long.parseLong(dim))
                    : new Proto().string(2, dim));
        }
        Proto tensorType = new Proto().varint(1, elementType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** Protocol buffers wire format: varints and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
