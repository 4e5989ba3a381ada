package dev.arbiter.localengine;

import java.nio.file.Path;

/**
 * How to start a local engine.
 *
 * @param port the gRPC port on 127.0.0.1; 0 picks a free one
 * @param dataDirectory where the journal and snapshots live; null keeps everything in memory
 */
public record LocalEngineConfig(int port, Path dataDirectory) {

  public LocalEngineConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Expected a port between 0 and 65535, but was " + port);
    }
  }

  /** In memory, on a free port: what most tests want. */
  public static LocalEngineConfig inMemory() {
    return new LocalEngineConfig(0, null);
  }

  /** Persisted to a directory, on a free port. */
  public static LocalEngineConfig persistent(Path dataDirectory) {
    return new LocalEngineConfig(0, dataDirectory);
  }
}
