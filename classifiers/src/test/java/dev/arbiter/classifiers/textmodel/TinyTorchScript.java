package dev.arbiter.classifiers.textmodel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a tiny TorchScript archive without Python: a bag-of-embeddings text classifier (embedding lookup, masked
 * mean, linear layer). The archive follows TorchScript's serialization format: TorchScript source under
 * {@code code/}, the module's attributes as a protocol-2 pickle in {@code data.pkl}, and raw little-endian tensor
 * storages under {@code data/}.
 */
final class TinyTorchScript {

    private static final String SOURCE = """
            class TinyTextClassifier(Module):
              __parameters__ = ["embedding", "weight", "bias", ]
              __buffers__ = []
              embedding : Tensor
              weight : Tensor
              bias : Tensor
              training : bool
              def forward(self: __torch__.TinyTextClassifier,
                input_ids: Tensor,
                attention_mask: Tensor) -> Tensor:
                embedded = torch.embedding(self.embedding, input_ids)
                mask = torch.unsqueeze(attention_mask, -1)
                summed = torch.sum(torch.mul(embedded, mask), [1])
                count = torch.clamp_min(torch.sum(mask, [1]), 1)
                pooled = torch.div(summed, count)
                return torch.add(torch.matmul(pooled, torch.t(self.weight)), self.bias)
            """;

    private TinyTorchScript() {
    }

    /**
     * @param embedding vocabulary x dimensions
     * @param weight labels x dimensions
     * @param bias labels
     */
    static void write(Path file, float[][] embedding, float[][] weight, float[] bias) throws IOException {
        Map<String, byte[]> storages = new LinkedHashMap<>();
        Pickle data = new Pickle();
        data.proto();
        data.global("__torch__", "TinyTextClassifier");
        data.op(')');
        data.op(0x81);
        data.op('}');
        data.op('(');
        data.string("training");
        data.op(0x89);
        data.string("embedding");
        data.tensor("0", embedding, storages);
        data.string("weight");
        data.tensor("1", weight, storages);
        data.string("bias");
        data.tensor("2", new float[][] {bias}, new int[] {bias.length}, storages);
        data.op('u');
        data.op('b');
        data.op('.');
        Pickle constants = new Pickle();
        constants.proto();
        constants.op(')');
        constants.op('.');

        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "tiny/data.pkl", data.bytes());
            stored(zip, "tiny/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
            stored(zip, "tiny/constants.pkl", constants.bytes());
            for (Map.Entry<String, byte[]> storage : storages.entrySet()) {
                stored(zip, "tiny/data/" + storage.getKey(), storage.getValue());
            }
            stored(zip, "tiny/version", "6\n".getBytes(StandardCharsets.UTF_8));
            stored(zip, "tiny/byteorder", "little".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** The few pickle opcodes TorchScript's unpickler needs for a module of float tensors. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto() {
            out.write(0x80);
            out.write(2);
        }

        void op(int code) {
            out.write(code);
        }

        void global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
            out.writeBytes(utf8);
        }

        void integer(int value) {
            if (value >= 0 && value < 256) {
                out.write('K');
                out.write(value);
            } else {
                out.write('J');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
            }
        }

        void tensor(String key, float[][] rows, Map<String, byte[]> storages) {
            tensor(key, rows, new int[] {rows.length, rows[0].length}, storages);
        }

        /** torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks), row-major. */
        void tensor(String key, float[][] rows, int[] shape, Map<String, byte[]> storages) {
            int count = 0;
            for (float[] row : rows) {
                count += row.length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : rows) {
                for (float value : row) {
                    buffer.putFloat(value);
                }
            }
            storages.put(key, buffer.array());
            global("torch._utils", "_rebuild_tensor_v2");
            op('(');
            op('(');
            string("storage");
            global("torch", "FloatStorage");
            string(key);
            string("cpu");
            integer(count);
            op('t');
            op('Q');
            integer(0);
            op('(');
            for (int size : shape) {
                integer(size);
            }
            op('t');
            op('(');
            int stride = 1;
            int[] strides = new int[shape.length];
            for (int i = shape.length - 1; i >= 0; i--) {
                strides[i] = stride;
                stride *= shape[i];
            }
            for (int value : strides) {
                integer(value);
            }
            op('t');
            op(0x89);
            global("collections", "OrderedDict");
            op(')');
            op('R');
            op('t');
            op('R');
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
