package dev.arbiter.localengine.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An append-only journal of accepted commands in numbered segments, plus one snapshot of the state
 * that says from which segment to replay. Appends are made durable by {@link #sync()}, which the
 * processor calls once per batch (group commit) before it answers anybody.
 */
public final class Journal implements AutoCloseable {

  /** One journal line: when the command was processed and what it was. */
  public record Entry(long time, Command command) {}

  private static final String SNAPSHOT = "snapshot.json";

  private final Path directory;
  private final ObjectMapper json;
  private long segment;
  private FileOutputStream file;
  private OutputStream out;
  private boolean dirty;
  private long appendedSinceSnapshot;

  public Journal(Path directory, ObjectMapper json) {
    this.directory = directory;
    this.json = json;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the snapshot (if any), replays every later entry, and opens a fresh segment for appends. */
  public JsonNode recover(Consumer<Entry> replay) {
    JsonNode state = null;
    long firstSegment = 0;
    Path snapshot = directory.resolve(SNAPSHOT);
    try {
      if (Files.exists(snapshot)) {
        ObjectNode document = (ObjectNode) json.readTree(snapshot.toFile());
        firstSegment = document.get("segment").asLong();
        state = document.get("state");
      }
      long last = firstSegment;
      for (long s : segments()) {
        if (s < firstSegment) {
          Files.deleteIfExists(segmentPath(s));
          continue;
        }
        replaySegment(segmentPath(s), replay);
        last = Math.max(last, s);
      }
      openSegment(last + 1);
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void replaySegment(Path path, Consumer<Entry> replay) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        Entry entry;
        try {
          entry = json.readValue(line, Entry.class);
        } catch (IOException torn) {
          // A torn last line was never acknowledged: the crash hit before its fsync.
          return;
        }
        replay.accept(entry);
      }
    }
  }

  public void append(Entry entry) {
    try {
      out.write(json.writeValueAsBytes(entry));
      out.write('\n');
      dirty = true;
      appendedSinceSnapshot++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes and fsyncs everything appended since the last call. */
  public void sync() {
    if (!dirty) {
      return;
    }
    try {
      out.flush();
      file.getChannel().force(false);
      dirty = false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long appendedSinceSnapshot() {
    return appendedSinceSnapshot;
  }

  /** Writes the state atomically and starts a new segment; older segments are then deleted. */
  public void snapshot(JsonNode state) {
    try {
      sync();
      long next = segment + 1;
      ObjectNode document = json.createObjectNode();
      document.put("segment", next);
      document.set("state", state);
      Path tmp = directory.resolve(SNAPSHOT + ".tmp");
      try (FileOutputStream snapshotFile = new FileOutputStream(tmp.toFile())) {
        snapshotFile.write(json.writeValueAsBytes(document));
        snapshotFile.getChannel().force(true);
      }
      Files.move(tmp, directory.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
      out.close();
      long old = segment;
      openSegment(next);
      for (long s : segments()) {
        if (s <= old) {
          Files.deleteIfExists(segmentPath(s));
        }
      }
      appendedSinceSnapshot = 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void openSegment(long number) throws IOException {
    segment = number;
    file = new FileOutputStream(segmentPath(number).toFile(), true);
    out = new BufferedOutputStream(file, 1 << 16);
    forceDirectory();
  }

  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Not every file system lets a directory be fsync'd; the rename is still atomic.
    }
  }

  private long[] segments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("journal-") && n.endsWith(".log"))
          .mapToLong(n -> Long.parseLong(n.substring(8, n.length() - 4)))
          .sorted()
          .toArray();
    }
  }

  private Path segmentPath(long number) {
    return directory.resolve(String.format("journal-%012d.log", number));
  }

  @Override
  public void close() {
    try {
      sync();
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
