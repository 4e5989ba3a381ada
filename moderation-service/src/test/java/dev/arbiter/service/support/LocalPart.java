package dev.arbiter.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real local server the tests talk to: the address in an environment variable when the test command
 * started one (infra/bin/test), otherwise one started here through its infra/ script and stopped when the
 * JVM exits.
 */
public enum LocalPart {
  ELASTICSEARCH("infra/elasticsearch/elasticsearch.sh", "ARBITER_ES_URL"),
  POSTGRES("infra/postgres/postgres.sh", "ARBITER_DB_URL"),
  KEYCLOAK("infra/keycloak/keycloak.sh", "ARBITER_KEYCLOAK_URL");

  private final String script;
  private final String environmentVariable;
  private String url;

  LocalPart(String script, String environmentVariable) {
    this.script = script;
    this.environmentVariable = environmentVariable;
  }

  public synchronized String url() {
    if (url == null) {
      String fromEnvironment = System.getenv(environmentVariable);
      url = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip() : startWithScript();
    }
    return url;
  }

  private String startWithScript() {
    Path path = repositoryRoot().resolve(script);
    boolean alreadyRunning = run(path, "status").exitCode() == 0;
    Result started = run(path, "start");
    if (started.exitCode() != 0) {
      throw new IllegalStateException("Could not start " + name() + " with " + script);
    }
    if (!alreadyRunning) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> run(path, "stop")));
    }
    return started.output().strip();
  }

  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("infra/bin/part.sh"))) {
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
