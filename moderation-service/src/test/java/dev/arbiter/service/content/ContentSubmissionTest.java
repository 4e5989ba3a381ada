package dev.arbiter.service.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import dev.arbiter.service.workflow.WorkflowDeployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** POST /api/v1/content over real HTTP, into the real case store and the local engine. */
// Its engine stops after the class: close the context too, so its job workers stop polling.
@DirtiesContext
@ServiceWithLocalTokens
class ContentSubmissionTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
  }

  @AfterAll
  static void stopEngine() {
    ENGINE.close();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired WorkflowDeployment deployment;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String demoPlatform = platformToken("demo");

  @BeforeEach
  void processesDeployed() throws InterruptedException {
    for (int i = 0; i < 100 && !deployment.isDeployed(); i++) {
      Thread.sleep(100);
    }
    assertThat(deployment.isDeployed()).as("triage.bpmn deployed to the local engine").isTrue();
  }

  @Test
  void aTextItemIsStoredAndItsTriageStarts() throws Exception {
    String externalId = "post-" + UUID.randomUUID();
    HttpResponse<String> response = postJson(demoPlatform, submission(externalId, "Hello world"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode receipt = JSON.readTree(response.body());
    UUID caseId = UUID.fromString(receipt.get("caseId").asText());
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/content/" + caseId);
    assertThat(receipt.get("status").asText()).isEqualTo("triaging");
    assertThat(receipt.get("duplicate").asBoolean()).isFalse();

    var stored = jdbc.sql("select platform_id, status, process_instance_key from cases where id = :id")
        .param("id", caseId).query().singleRow();
    assertThat(stored.get("platform_id")).isEqualTo("demo");
    assertThat(stored.get("status")).isEqualTo("triaging");
    assertThat((Long) stored.get("process_instance_key")).isPositive();
    String text = jdbc.sql("select convert_from(body, 'UTF8') from content_parts where case_id = :id and kind = 'text'")
        .param("id", caseId).query(String.class).single();
    assertThat(text).isEqualTo("Hello world");
  }

  @Test
  void resubmittingTheSameExternalIdAnswersWithTheSameCase() throws Exception {
    String externalId = "post-" + UUID.randomUUID();
    JsonNode first = JSON.readTree(postJson(demoPlatform, submission(externalId, "once")).body());
    HttpResponse<String> again = postJson(demoPlatform, submission(externalId, "once"));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("caseId").asText()).isEqualTo(first.get("caseId").asText());
    assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();

    HttpResponse<String> otherPlatform = postJson(platformToken("other"), submission(externalId, "once"));
    assertThat(otherPlatform.statusCode()).as("another platform's id space").isEqualTo(201);
  }

  @Test
  void concurrentDuplicateSubmissionsMakeOneCase() throws Exception {
    String externalId = "post-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> replies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      replies.add(pool.submit(() -> {
        start.await();
        return postJson(demoPlatform, submission(externalId, "race"));
      }));
    }
    start.countDown();
    Set<String> caseIds = new HashSet<>();
    int created = 0;
    for (Future<HttpResponse<String>> reply : replies) {
      HttpResponse<String> response = reply.get();
      assertThat(response.statusCode()).isIn(200, 201);
      created += response.statusCode() == 201 ? 1 : 0;
      caseIds.add(JSON.readTree(response.body()).get("caseId").asText());
    }
    pool.shutdown();

    assertThat(caseIds).hasSize(1);
    assertThat(created).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from cases where external_id = :e").param("e", externalId).query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void aFileIsStoredWithItsSizeAndHash() throws Exception {
    String boundary = "arbiter-" + UUID.randomUUID();
    byte[] pdfLike = "%PDF-1.4 not really a pdf".getBytes(StandardCharsets.US_ASCII);
    String externalId = "upload-" + UUID.randomUUID();
    byte[] body = multipart(boundary, submission(externalId, null), "scan.pdf", pdfLike);

    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(uri("/api/v1/content"))
            .header("Authorization", "Bearer " + demoPlatform)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    UUID caseId = UUID.fromString(JSON.readTree(response.body()).get("caseId").asText());
    var part = jdbc.sql("select file_name, size_bytes, sha256 from content_parts where case_id = :id")
        .param("id", caseId).query().singleRow();
    assertThat(part.get("file_name")).isEqualTo("scan.pdf");
    assertThat(part.get("size_bytes")).isEqualTo((long) pdfLike.length);
    assertThat((String) part.get("sha256")).hasSize(64);
  }

  @Test
  void anOversizedUploadIsRefusedWith413() throws Exception {
    String boundary = "arbiter-" + UUID.randomUUID();
    byte[] huge = new byte[21 * 1024 * 1024];
    byte[] body = multipart(boundary, submission("huge-" + UUID.randomUUID(), null), "huge.bin", huge);

    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(uri("/api/v1/content"))
            .header("Authorization", "Bearer " + demoPlatform)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void badInputGetsAClearProblemAndStoresNothing() throws Exception {
    long before = jdbc.sql("select count(*) from cases").query(Long.class).single();

    HttpResponse<String> malformed = postJson(demoPlatform, "{\"externalId\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);

    HttpResponse<String> badSurface = postJson(demoPlatform,
        "{\"externalId\":\"x1\",\"authorId\":\"a\",\"surface\":\"billboard\",\"text\":\"t\"}");
    assertThat(badSurface.statusCode()).isEqualTo(400);
    assertThat(badSurface.body()).contains("surface");

    HttpResponse<String> empty = postJson(demoPlatform, submission("empty-" + UUID.randomUUID(), null));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("needs text, files, or both");

    assertThat(jdbc.sql("select count(*) from cases").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void onlyPlatformsSubmit() throws Exception {
    String moderator = LocalTokens.trusted().token("moderator1").realmRoles(Roles.MODERATOR).sign();
    assertThat(postJson(moderator, submission("m-" + UUID.randomUUID(), "x")).statusCode()).isEqualTo(403);
  }

  private static String platformToken(String platformId) {
    return LocalTokens.trusted().token("service-account-platform-" + platformId)
        .realmRoles(Roles.PLATFORM).platformId(platformId).sign();
  }

  private static String submission(String externalId, String text) throws Exception {
    var node = JSON.createObjectNode()
        .put("externalId", externalId).put("authorId", "author-1").put("surface", "public_post").put("locale", "en");
    if (text != null) {
      node.put("text", text);
    }
    return JSON.writeValueAsString(node);
  }

  private HttpResponse<String> postJson(String token, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/content"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] multipart(String boundary, String submissionJson, String fileName, byte[] file) {
    String head = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"submission\"\r\nContent-Type: application/json\r\n\r\n"
        + submissionJson + "\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"files\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[headBytes.length + file.length + tailBytes.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(file, 0, all, headBytes.length, file.length);
    System.arraycopy(tailBytes, 0, all, headBytes.length + file.length, tailBytes.length);
    return all;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
