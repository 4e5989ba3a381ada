package dev.arbiter.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Elasticsearch the tests talk to: ARBITER_ES_URL when the test command started one, otherwise
 * one started here through infra/elasticsearch/elasticsearch.sh and stopped when the JVM exits.
 */
public final class LocalElasticsearch {

  private static String url;

  private LocalElasticsearch() {}

  public static synchronized String url() {
    if (url == null) {
      String fromEnvironment = System.getenv("ARBITER_ES_URL");
      url = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : startWithScript();
    }
    return url;
  }

  private static String startWithScript() {
    Path script = repositoryRoot().resolve("infra/elasticsearch/elasticsearch.sh");
    boolean alreadyRunning = run(script, "status").exitCode() == 0;
    Result started = run(script, "start");
    if (started.exitCode() != 0) {
      throw new IllegalStateException("Could not start Elasticsearch: " + started.output());
    }
    if (!alreadyRunning) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> run(script, "stop")));
    }
    return started.output().strip();
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("infra/elasticsearch/elasticsearch.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Run the tests inside the Arbiter repository");
    }
    return dir;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path script, String command) {
    try {
      Process process =
          new ProcessBuilder("bash", script.toString(), command)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
