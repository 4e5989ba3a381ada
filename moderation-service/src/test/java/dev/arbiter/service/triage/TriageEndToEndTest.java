package dev.arbiter.service.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditQuery;
import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import dev.arbiter.service.support.TrainedClassifiers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import dev.arbiter.service.policy.JdbcPolicyStore;
import dev.arbiter.service.policy.PolicyChanges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole triage on the local stack: the real engine through the Camunda client, PostgreSQL,
 * Elasticsearch, the trained spam model, a platform webhook receiver, moderators over HTTP.
 */
// Its engine stops after the class: close the context too, so its job workers stop polling.
@DirtiesContext
@ServiceWithLocalTokens
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TriageEndToEndTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOK_SECRET = "e2e-webhook-secret";
  private static final List<Delivery> WEBHOOKS = new CopyOnWriteArrayList<>();
  private static final HttpServer PLATFORM = platformReceiver();

  record Delivery(String signature, String timestamp, String idempotencyKey, String body) {}

  @DynamicPropertySource
  static void localStack(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
    registry.add("arbiter.classifiers.config", TrainedClassifiers::registryFile);
    registry.add("arbiter.enforcement.platforms.demo.webhook-url",
        () -> "http://127.0.0.1:" + PLATFORM.getAddress().getPort() + "/enforcement");
    registry.add("arbiter.enforcement.platforms.demo.webhook-secret", () -> WEBHOOK_SECRET);
  }

  @AfterAll
  static void stop() {
    PLATFORM.stop(0);
    ENGINE.close();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditIndex audit;
  @Autowired ReviewQueues queues;

  @Autowired PolicyChanges policyChanges;
  @Autowired JdbcPolicyStore policyStore;

  private final HttpClient http = HttpClient.newHttpClient();

  /** Policy tests publish other versions into the same store: triage is tested under the shipped policy. */
  @BeforeEach
  void shippedPolicyIsLive() {
    int live = policyStore.liveState().liveVersion();
    if (!policyChanges.version(live).contentHash().equals(policyChanges.version(1).contentHash())) {
      policyChanges.rollback(1, "triage-e2e-test", "triage tests run under the shipped policy");
    }
  }

  @Test
  void spamIsRemovedAutomaticallyWithASignedWebhookAndAStatementOfReasons() throws Exception {
    UUID caseId = submit(Map.of("text", """
        CONGRATULATIONS!!! You have been selected to receive a FREE cash prize of $1,000,000. Click here now to \
        claim your reward at http://bit.ly/claim-prize before midnight. This exclusive offer expires in 24 hours, \
        act now and do not miss out. To unsubscribe reply REMOVE."""));

    AuditRecord record = awaitAudit(caseId);

    assertThat(record.actorType()).isEqualTo(AuditRecord.ActorType.AUTOMATED);
    assertThat(record.action()).isEqualTo("remove");
    assertThat(record.reasonCode()).isEqualTo("SPAM-01");
    assertThat(record.category()).isEqualTo("spam");
    assertThat(record.scores().get("spam")).isGreaterThanOrEqualTo(0.97);
    assertThat(record.modelVersions()).containsKey("spam-assassin-mlp");
    assertThat(record.policyVersion()).startsWith("v");
    assertThat(record.statementOfReasons()).contains("automated means").contains("appeal");

    Delivery webhook = awaitWebhook(caseId);
    assertThat(webhook.signature())
        .isEqualTo("sha256=" + ApplyingEnforcement.sign(WEBHOOK_SECRET, webhook.timestamp() + "." + webhook.body()));
    assertThat(webhook.idempotencyKey()).isEqualTo(record.id());
    assertThat(JSON.readTree(webhook.body()).get("action").asText()).isEqualTo("remove");
    assertThat(jdbc.sql("select count(*) from notices where case_id = :id").param("id", caseId).query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void aCleanPostIsAllowedWithoutEnforcement() throws Exception {
    UUID caseId = submit(Map.of("text", "Happy birthday mom, see you at dinner tonight"));

    AuditRecord record = awaitAudit(caseId);

    assertThat(record.action()).isEqualTo("allow");
    assertThat(record.scores()).doesNotContainKey("spam");
    assertThat(WEBHOOKS).noneMatch(d -> d.body().contains(caseId.toString()));
  }

  @Test
  void aTrustedFlaggerReportWaitsForAModeratorWhoDecidesIt() throws Exception {
    jdbc.sql("update queue_items set state = 'cancelled' where queue = 'trusted-flagger' and state in ('open', 'leased')").update();
    UUID caseId = submit(Map.of("text", "Selling my old bike, barely used, message me", "reporterType", "trusted_flagger"));
    QueueItem item = awaitQueued(caseId);
    assertThat(item.queue()).isEqualTo("trusted-flagger");

    String moderator = moderatorToken("11111111-1111-4111-8111-111111111111", "trusted-flagger");
    HttpResponse<String> claimed = post("/api/v1/queues/trusted-flagger/claim-next", moderator, null);
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    String itemId = JSON.readTree(claimed.body()).get("id").asText();
    assertThat(itemId).isEqualTo(item.id().toString());

    HttpResponse<String> decided = post("/api/v1/reviews/" + itemId + "/decision", moderator,
        "{\"action\":\"remove\",\"reasonCode\":\"SPAM-01\",\"note\":\"commercial spam\"}");
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

    AuditRecord record = awaitAudit(caseId);
    assertThat(record.actorType()).isEqualTo(AuditRecord.ActorType.HUMAN);
    assertThat(record.actorId()).isEqualTo("11111111-1111-4111-8111-111111111111");
    assertThat(record.queue()).isEqualTo("trusted-flagger");
    assertThat(record.waitTimeMillis()).isNotNull().isNotNegative();
    assertThat(record.statementOfReasons()).contains("A person on our moderation team");
    awaitWebhook(caseId);
  }

  @Test
  void codedLanguageNeedsFourEyesAndADisagreementGoesToASenior() throws Exception {
    jdbc.sql("update queue_items set state = 'cancelled' where queue in ('coded-language', 'senior') and state in ('open', 'leased')").update();
    UUID caseId = submit(Map.of("text", "Honestly the whole meeting yesterday was a complete sh1t show and you are a f*cking idiot for organising it that way."));
    assertThat(awaitQueued(caseId).queue()).isEqualTo("coded-language");
    String first = moderatorToken("11111111-1111-4111-8111-111111111111", "coded-language");
    String second = moderatorToken("22222222-2222-4222-8222-222222222222", "coded-language");
    String senior = LocalTokens.trusted().token("senior1").subject("33333333-3333-4333-8333-333333333333")
        .realmRoles(Roles.SENIOR_MODERATOR).groups("/queues/senior", "/languages/en").sign();

    decideNext(first, "coded-language", "remove", "HATE-01");
    QueueItem secondOpinion = await(
        () -> queues.waitingItemOf(caseId).filter(i -> i.kind() == QueueItem.Kind.SECOND_OPINION).orElse(null), "a second opinion");
    assertThat(secondOpinion.excludedReviewers()).containsExactly("11111111-1111-4111-8111-111111111111");
    assertThat(post("/api/v1/queues/coded-language/claim-next", first, null).statusCode())
        .as("the first reviewer cannot give the second opinion").isEqualTo(204);

    decideNext(second, "coded-language", "allow", "NO-VIOLATION");
    QueueItem seniorItem = await(
        () -> queues.waitingItemOf(caseId).filter(i -> i.kind() == QueueItem.Kind.SENIOR_REVIEW).orElse(null), "a senior review");
    assertThat(seniorItem.queue()).isEqualTo("senior");

    decideNext(senior, "senior", "remove", "HATE-01");
    AuditRecord record = await(() -> auditRecords(caseId).stream()
        .filter(r -> r.kind() == AuditRecord.Kind.DECISION && r.actorId().startsWith("3333")).findFirst().orElse(null),
        "the senior's decision in the audit");
    assertThat(record.action()).isEqualTo("remove");
    assertThat(jdbc.sql("select count(*) from decisions where case_id = :id").param("id", caseId).query(Long.class).single())
        .isEqualTo(3);
    awaitWebhook(caseId);
  }

  private void decideNext(String token, String queue, String action, String reasonCode) throws Exception {
    HttpResponse<String> claimed = post("/api/v1/queues/" + queue + "/claim-next", token, null);
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    String itemId = JSON.readTree(claimed.body()).get("id").asText();
    HttpResponse<String> decided = post("/api/v1/reviews/" + itemId + "/decision", token,
        "{\"action\":\"%s\",\"reasonCode\":\"%s\",\"note\":\"four eyes\"}".formatted(action, reasonCode));
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
  }

  // Last: moving the engine's clock fires the timers of every instance still waiting.
  @Test
  @Order(Integer.MAX_VALUE)
  void anUnansweredReviewIsEscalatedAtItsSlaAndMovedToSeniorsAtTheBreach() throws Exception {
    UUID caseId = submit(Map.of("text", "Selling concert tickets, two for the price of one", "reporterType", "trusted_flagger"));
    QueueItem item = awaitQueued(caseId);

    ENGINE.clock().advance(Duration.ofHours(12).plusMinutes(1));
    AuditRecord reminder = awaitAudit(caseId, AuditRecord.Kind.ESCALATION);
    assertThat(reminder.action()).isEqualTo("sla-reminder");
    assertThat(queues.find(item.id()).orElseThrow().queue()).isEqualTo("trusted-flagger");

    ENGINE.clock().advance(Duration.ofHours(12));
    QueueItem moved = await(() -> queues.find(item.id()).filter(i -> i.queue().equals("senior")).orElse(null), "moved to senior");
    assertThat(moved.priority()).isEqualTo(1);
    assertThat(moved.state()).isEqualTo(QueueItem.State.OPEN);
    assertThat(auditRecords(caseId)).extracting(AuditRecord::action).contains("sla-reminder", "moved-to-senior");
  }

  private UUID submit(Map<String, String> fields) throws Exception {
    Map<String, String> body = new java.util.HashMap<>(Map.of(
        "externalId", "e2e-" + UUID.randomUUID(), "authorId", "author-" + UUID.randomUUID(),
        "surface", "public_post", "locale", "en"));
    body.putAll(fields);
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

  private static String moderatorToken(String subject, String queue) {
    return LocalTokens.trusted().token("moderator-" + subject.substring(0, 4)).subject(subject)
        .realmRoles(Roles.MODERATOR).groups("/queues/" + queue, "/languages/en").sign();
  }

  private QueueItem awaitQueued(UUID caseId) throws Exception {
    return await(() -> queues.waitingItemOf(caseId).orElse(null), "a review item for case " + caseId);
  }

  private AuditRecord awaitAudit(UUID caseId) throws Exception {
    return awaitAudit(caseId, AuditRecord.Kind.DECISION);
  }

  private AuditRecord awaitAudit(UUID caseId, AuditRecord.Kind kind) throws Exception {
    return await(() -> auditRecords(caseId).stream().filter(r -> r.kind() == kind).findFirst().orElse(null),
        "a " + kind + " audit record for case " + caseId);
  }

  private List<AuditRecord> auditRecords(UUID caseId) {
    try {
      audit.refresh();
      return audit.search(new AuditQuery(null, caseId.toString(), null, null, null, null, null, null, 0, 50)).records();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Delivery awaitWebhook(UUID caseId) throws Exception {
    return await(() -> WEBHOOKS.stream().filter(d -> d.body().contains(caseId.toString())).findFirst().orElse(null),
        "a webhook for case " + caseId);
  }

  private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited 60 s for " + what + "; incidents: " + ENGINE.incidents());
  }

  private static HttpServer platformReceiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/enforcement", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        WEBHOOKS.add(new Delivery(
            exchange.getRequestHeaders().getFirst(ApplyingEnforcement.SIGNATURE_HEADER),
            exchange.getRequestHeaders().getFirst(ApplyingEnforcement.TIMESTAMP_HEADER),
            exchange.getRequestHeaders().getFirst(ApplyingEnforcement.IDEMPOTENCY_HEADER),
            body));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
