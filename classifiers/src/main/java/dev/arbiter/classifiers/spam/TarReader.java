package dev.arbiter.classifiers.spam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the regular files of a (ustar or pax) tar stream, which is all an npm package tarball holds. */
final class TarReader {

    private static final int BLOCK = 512;

    interface EntryConsumer {
        void accept(String name, byte[] content) throws IOException;
    }

    private TarReader() {
    }

    static void forEach(InputStream in, EntryConsumer consumer) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            if (in.readNBytes(header, 0, BLOCK) < BLOCK || isZero(header)) {
                return;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(),
                    8);
            char type = (char) header[156];
            byte[] content = in.readNBytes((int) size);
            if (content.length < size) {
                throw new IOException("tar entry " + name + " is truncated");
            }
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            in.readNBytes((int) padding);
            if (type == 'x') {
                longName = paxPath(content);
                continue;
            }
            String fullName = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
            longName = null;
            if (type == '0' || type == 0) {
                consumer.accept(fullName, content);
            }
        }
    }

    private static String paxPath(byte[] records) {
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
