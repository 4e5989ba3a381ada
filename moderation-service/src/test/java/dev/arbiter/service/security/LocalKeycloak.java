package dev.arbiter.service.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Keycloak of the end-to-end tests: {@code ARBITER_KEYCLOAK_URL} when set, otherwise the one
 * of infra/keycloak/keycloak.sh, started here if needed and then stopped when the JVM exits.
 */
final class LocalKeycloak {

  static final String REALM = "arbiter";
  private static final String SCRIPT = "infra/keycloak/keycloak.sh";

  private static String url;

  private LocalKeycloak() {}

  static synchronized String url() {
    if (url == null) {
      String fromEnvironment = System.getenv("ARBITER_KEYCLOAK_URL");
      url =
          fromEnvironment != null && !fromEnvironment.isBlank()
              ? fromEnvironment.strip()
              : startWithScript();
    }
    return url;
  }

  static String issuer() {
    return url() + "/realms/" + REALM;
  }

  private static String startWithScript() {
    Path script = repositoryRoot().resolve(SCRIPT);
    boolean alreadyRunning = run(script, "status").exitCode() == 0;
    Result started = run(script, "start");
    if (started.exitCode() != 0) {
      throw new IllegalStateException("Could not start Keycloak with " + SCRIPT);
    }
    if (!alreadyRunning) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> run(script, "stop")));
    }
    String[] lines = started.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(SCRIPT))) {
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
