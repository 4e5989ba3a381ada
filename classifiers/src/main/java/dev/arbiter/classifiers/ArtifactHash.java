package dev.arbiter.classifiers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Content hashes of model artifacts, so that a decision names the exact bytes that produced it. */
public final class ArtifactHash {

    private ArtifactHash() {
    }

    /** SHA-256 of a file, or of every file of a directory (relative path and content, in path order). */
    public static String of(Path artifact) {
        MessageDigest digest = sha256();
        try {
            if (Files.isDirectory(artifact)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(artifact)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    digest.update(artifact.relativize(file).toString().replace('\\', '/')
                            .getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    update(digest, file);
                }
            } else {
                update(digest, artifact);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + artifact, e);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    public static String of(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
