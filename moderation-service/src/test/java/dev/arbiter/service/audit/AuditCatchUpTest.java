package dev.arbiter.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import dev.arbiter.service.support.LocalPart;
import dev.arbiter.service.support.TcpProxy;
import dev.arbiter.service.support.TrainedClassifiers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Elasticsearch goes away while cases are being decided and comes back: decisions complete meanwhile,
 * and afterwards the audit holds exactly one document per decision and per escalation, none missing.
 */
@DirtiesContext
@ServiceWithLocalTokens
class AuditCatchUpTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final TcpProxy ELASTICSEARCH = new TcpProxy(URI.create(LocalPart.ELASTICSEARCH.url()));
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void localStack(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
    registry.add("arbiter.classifiers.config", TrainedClassifiers::registryFile);
    registry.add("spring.elasticsearch.uris", ELASTICSEARCH::url);
    registry.add("arbiter.audit.catch-up-interval", () -> "PT2S");
  }

  @AfterAll
  static void stop() {
    ELASTICSEARCH.close();
    ENGINE.close();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditIndex audit;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void decisionsCompleteWhileElasticsearchIsDownAndTheAuditCatchesUpWithNothingMissing() throws Exception {
    jdbc.sql("update queue_items set state = 'cancelled' where queue = 'trusted-flagger' and state in ('open', 'leased')").update();
    String marker = "outage-" + UUID.randomUUID();
    ELASTICSEARCH.cut();

    List<UUID> cases = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      cases.add(submit(marker + "-" + i, i % 2 == 0
          ? "Happy birthday mom, see you at dinner tonight number " + i
          : "CONGRATULATIONS!!! You have been selected to receive a FREE cash prize of $1,000,000. Click here now to "
              + "claim your reward at http://bit.ly/claim-prize before midnight. This exclusive offer expires in 24 hours, "
              + "act now and do not miss out. To unsubscribe reply REMOVE. " + i, null));
    }
    UUID reviewed = submit(marker + "-review", "Selling my old bike, barely used, message me", "trusted_flagger");
    cases.add(reviewed);
    String moderator = LocalTokens.trusted().token("moderator-outage").subject("77777777-7777-4777-8777-777777777777")
        .realmRoles(Roles.MODERATOR).groups("/queues/trusted-flagger", "/languages/en").sign();
    String itemId = await(() -> claim(moderator), "the reviewed case in the trusted-flagger queue");
    HttpResponse<String> escalated = post("/api/v1/queue-items/" + itemId + "/escalate", moderator, "{\"note\":\"during the outage\"}");
    assertThat(escalated.statusCode()).as("escalating works while the audit is down: " + escalated.body()).isEqualTo(200);

    await(() -> decisionCount(cases) == 6 ? true : null, "six automatic decisions while Elasticsearch is down");
    assertThat(jdbc.sql("select count(*) from case_events where case_id = :id and audited_at is null").param("id", reviewed)
        .query(Long.class).single()).as("the escalation waits in the outbox").isEqualTo(1);
    assertThat(directCount(marker)).as("nothing reached the audit while it was down").isZero();

    ELASTICSEARCH.restore();

    await(() -> directCount(marker) == decisionCount(cases) + 1 ? true : null, "the audit catching up");
    audit.refresh();
    JsonNode hits = directSearch(marker);
    List<String> ids = new ArrayList<>();
    hits.forEach(hit -> ids.add(hit.get("_id").asText()));
    List<String> decisionIds = jdbc.sql("select id::text from decisions where case_id in (:ids)").param("ids", cases).query(String.class).list();
    assertThat(ids).doesNotHaveDuplicates().containsAll(decisionIds).hasSize(decisionIds.size() + 1);
    assertThat(jdbc.sql("select count(*) from case_events where case_id = :id and audited_at is null").param("id", reviewed)
        .query(Long.class).single()).isZero();
    assertThat(ENGINE.incidents()).as("no job gave up").isEmpty();
  }

  private long decisionCount(List<UUID> cases) {
    return jdbc.sql("select count(*) from decisions where case_id in (:ids)").param("ids", cases).query(Long.class).single();
  }

  /** Straight to the real Elasticsearch, past the proxy: documents whose content ref carries the marker. */
  private long directCount(String marker) {
    try {
      return directSearch(marker).size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode directSearch(String marker) throws Exception {
    String index = audit.name();
    http.send(HttpRequest.newBuilder(URI.create(LocalPart.ELASTICSEARCH.url() + "/" + index + "/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    String query = "{\"size\":100,\"query\":{\"prefix\":{\"contentRef\":\"demo/" + marker + "\"}}}";
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(LocalPart.ELASTICSEARCH.url() + "/" + index + "/_search"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return JSON.createArrayNode();
    }
    return JSON.readTree(response.body()).at("/hits/hits");
  }

  private String claim(String token) {
    try {
      HttpResponse<String> claimed = post("/api/v1/queues/trusted-flagger/claim-next", token, null);
      return claimed.statusCode() == 200 ? JSON.readTree(claimed.body()).get("id").asText() : null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private UUID submit(String externalId, String text, String reporterType) throws Exception {
    Map<String, String> body = new java.util.HashMap<>(Map.of(
        "externalId", externalId, "authorId", "author-" + UUID.randomUUID(), "surface", "public_post", "locale", "en",
        "text", text));
    if (reporterType != null) {
      body.put("reporterType", reporterType);
    }
    String token = LocalTokens.trusted().token("service-account-platform-demo").realmRoles(Roles.PLATFORM).platformId("demo").sign();
    HttpResponse<String> response = post("/api/v1/content", token, JSON.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return UUID.fromString(JSON.readTree(response.body()).get("caseId").asText());
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token);
    if (json == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited 120 s for " + what + "; incidents: " + ENGINE.incidents());
  }
}
