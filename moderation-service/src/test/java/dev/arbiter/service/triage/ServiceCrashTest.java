package dev.arbiter.service.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.ArbiterApplication;
import dev.arbiter.service.support.LocalPart;
import dev.arbiter.service.support.TrainedClassifiers;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The service process is killed with SIGKILL in the middle of triage and started again: every case
 * submitted before the crash still completes, decided once and audited once. The service runs as its own
 * JVM (the test's classpath, the application's main class) against the real engine, PostgreSQL,
 * Elasticsearch and Keycloak; the engine keeps running, as a cluster would.
 */
class ServiceCrashTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CASES = 40;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port = freePort();

  @AfterAll
  static void stop() {
    ENGINE.close();
  }

  @Test
  void everyCaseSubmittedBeforeAKillMinusNineCompletesAfterTheRestart() throws Exception {
    Process service = startService("first");
    List<UUID> cases = new ArrayList<>();
    Process restarted = null;
    try {
      String token = platformToken();
      String run = "crash-" + UUID.randomUUID();
      for (int i = 0; i < CASES; i++) {
        cases.add(submit(token, run + "-" + i, "Lovely weather at the lake today, photo " + i + " of our trip with the kids"));
      }
      await(() -> decided(cases) > 0, Duration.ofSeconds(60), "the first decision before the crash");
      service.destroyForcibly();
      assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("the service died").isTrue();
      assertThat(service.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      long decidedAtCrash = decided(cases);
      assertThat(decidedAtCrash).as("cases were still in flight at the crash").isLessThan(CASES);

      restarted = startService("restarted");
      await(() -> audited(cases) == CASES, Duration.ofMinutes(3), "every case audited after the restart");
      assertThat(decided(cases)).as("each case decided exactly once").isEqualTo(CASES);
      assertThat(audited(cases)).isEqualTo(CASES);
      assertThat(ENGINE.incidents()).isEmpty();
    } finally {
      service.destroyForcibly();
      if (restarted != null) {
        restarted.destroy();
        restarted.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private Process startService(String name) throws Exception {
    Path log = Path.of("target", "service-crash-" + name + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-cp",
                System.getProperty("java.class.path"),
                ArbiterApplication.class.getName(),
                "--server.port=" + port,
                "--camunda.client.grpc-address=" + ENGINE.grpcAddress(),
                "--camunda.client.worker.defaults.timeout=PT5S",
                "--arbiter.classifiers.config=" + TrainedClassifiers.registryFile(),
                "--arbiter.triage.start-retry-interval=PT2S")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("ARBITER_ES_URL", LocalPart.ELASTICSEARCH.url());
    builder.environment().put("ARBITER_DB_URL", LocalPart.POSTGRES.url());
    builder.environment().put("ARBITER_KEYCLOAK_URL", LocalPart.KEYCLOAK.url());
    Process process = builder.start();
    await(() -> healthy(process), Duration.ofMinutes(2), "the " + name + " service to be up (log: " + log.toAbsolutePath() + ")");
    return process;
  }

  private boolean healthy(Process process) {
    if (!process.isAlive()) {
      throw new AssertionError("the service exited with " + process.exitValue());
    }
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (Exception notYet) {
      return false;
    }
  }

  private String platformToken() throws Exception {
    String form = "grant_type=client_credentials&client_id=platform-demo&client_secret="
        + URLEncoder.encode("platform-demo-local-secret", StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(LocalPart.KEYCLOAK.url() + "/realms/arbiter/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("access_token").asText();
  }

  private UUID submit(String token, String externalId, String text) throws Exception {
    String body = JSON.writeValueAsString(Map.of(
        "externalId", externalId, "authorId", "author-" + UUID.randomUUID(), "surface", "public_post", "locale", "en", "text", text));
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/content"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return UUID.fromString(JSON.readTree(response.body()).get("caseId").asText());
  }

  private long decided(List<UUID> cases) {
    try (Connection db = DriverManager.getConnection(LocalPart.POSTGRES.url(), "arbiter", "arbiter");
        PreparedStatement count = db.prepareStatement("select count(*) from decisions where case_id = any (?)")) {
      count.setArray(1, db.createArrayOf("uuid", cases.toArray()));
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Decision documents of these cases in the audit index, read straight from Elasticsearch. */
  private long audited(List<UUID> cases) {
    try {
      String es = LocalPart.ELASTICSEARCH.url();
      http.send(HttpRequest.newBuilder(URI.create(es + "/arbiter-audit/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      String query = JSON.writeValueAsString(Map.of("query", Map.of("bool", Map.of("filter", List.of(
          Map.of("terms", Map.of("caseId", cases.stream().map(UUID::toString).toList())),
          Map.of("term", Map.of("kind", "DECISION")))))));
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(es + "/arbiter-audit/_count")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(query)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode count = JSON.readTree(response.body()).get("count");
      return count == null ? 0 : count.asLong();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; incidents: " + ENGINE.incidents());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
