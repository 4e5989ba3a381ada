package dev.arbiter.service.triage;

import dev.arbiter.service.support.PlatformReceiver;
import dev.arbiter.service.support.PlatformReceiver.Delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import dev.arbiter.policy.PolicyBundle;
import dev.arbiter.policy.change.PolicyVersion;
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
  private static final String SPAM = """
      CONGRATULATIONS!!! You have been selected to receive a FREE cash prize of $1,000,000. Click here now to \
      claim your reward at http://bit.ly/claim-prize before midnight. This exclusive offer expires in 24 hours, \
      act now and do not miss out. To unsubscribe reply REMOVE.""";
  private static final PlatformReceiver PLATFORM = new PlatformReceiver();
  private static final List<Delivery> WEBHOOKS = PLATFORM.deliveries();

  @DynamicPropertySource
  static void localStack(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
    registry.add("arbiter.classifiers.config", TrainedClassifiers::registryFile);
    registry.add("arbiter.enforcement.platforms.demo.webhook-url",
        PLATFORM::webhookUrl);
    registry.add("arbiter.enforcement.platforms.demo.webhook-secret", () -> WEBHOOK_SECRET);
  }

  @AfterAll
  static void stop() {
    PLATFORM.close();
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
    UUID caseId = submit(Map.of("text", SPAM));

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

  @Test
  void aModeratorOpensTheCaseTheyHoldSeesTheMatchesAndEscalatesItToASenior() throws Exception {
    jdbc.sql("update queue_items set state = 'cancelled' where queue in ('coded-language', 'senior') and state in ('open', 'leased')").update();
    String text = "Honestly the whole meeting yesterday was a complete sh1t show and you are a f*cking idiot for organising it that way.";
    UUID caseId = submit(Map.of("text", text));
    assertThat(awaitQueued(caseId).queue()).isEqualTo("coded-language");
    String moderator = moderatorToken("44444444-4444-4444-8444-444444444444", "coded-language");
    String bystander = moderatorToken("55555555-5555-4555-8555-555555555555", "coded-language");

    HttpResponse<String> claimed = post("/api/v1/queues/coded-language/claim-next", moderator, null);
    String itemId = JSON.readTree(claimed.body()).get("id").asText();
    HttpResponse<String> opened = get("/api/v1/queue-items/" + itemId, moderator);
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
    JsonNode view = JSON.readTree(opened.body());
    assertThat(view.at("/case/id").asText()).isEqualTo(caseId.toString());
    assertThat(view.at("/parts/0/text").asText()).isEqualTo(text);
    assertThat(view.at("/signals/modelVersions").size()).isPositive();
    assertThat(view.get("highlights")).isNotEmpty();
    for (JsonNode highlight : view.get("highlights")) {
      String span = text.substring(highlight.get("start").asInt(), highlight.get("end").asInt());
      assertThat(span).as("a highlight covers a matched word").containsAnyOf("sh1t", "f*cking");
    }
    assertThat(view.get("reasonCodes")).extracting(code -> code.get("code").asText()).contains("HATE-01", "NO-VIOLATION");
    assertThat(get("/api/v1/queue-items/" + itemId, bystander).statusCode())
        .as("a moderator who does not hold the item cannot open it").isEqualTo(403);

    HttpResponse<String> escalated =
        post("/api/v1/queue-items/" + itemId + "/escalate", moderator, "{\"note\":\"threat or banter? needs a senior\"}");
    assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
    QueueItem atSenior = queues.find(UUID.fromString(itemId)).orElseThrow();
    assertThat(atSenior.queue()).isEqualTo("senior");
    assertThat(atSenior.kind()).isEqualTo(QueueItem.Kind.SENIOR_REVIEW);
    assertThat(atSenior.state()).isEqualTo(QueueItem.State.OPEN);
    assertThat(post("/api/v1/queue-items/" + itemId + "/escalate", moderator, "{}").statusCode())
        .as("escalating an item one no longer holds").isEqualTo(409);
    AuditRecord escalation = awaitAudit(caseId, AuditRecord.Kind.ESCALATION);
    assertThat(escalation.actorType()).isEqualTo(AuditRecord.ActorType.HUMAN);
    assertThat(escalation.note()).contains("needs a senior");

    String senior = LocalTokens.trusted().token("senior1").subject("33333333-3333-4333-8333-333333333333")
        .realmRoles(Roles.SENIOR_MODERATOR).groups("/queues/senior", "/languages/en").sign();
    JsonNode history = JSON.readTree(get("/api/v1/queue-items/" + itemId, senior).body()).get("history");
    assertThat(history).extracting(entry -> entry.get("event").asText()).contains("escalated");
    decideNext(senior, "senior", "remove", "HATE-01");
    AuditRecord decision = awaitAudit(caseId);
    assertThat(decision.actorId()).isEqualTo("33333333-3333-4333-8333-333333333333");
    assertThat(jdbc.sql("select count(*) from decisions where case_id = :id").param("id", caseId).query(Long.class).single())
        .as("the senior's decision is final: no second opinion after an escalation").isEqualTo(1);
  }

  @Test
  void aBlindAuditorDecidesWithoutTheScoresAndTheirAgreementIsRecorded() throws Exception {
    PolicyVersion live = policyStore.latestVersion().orElseThrow();
    String everyCaseSampled =
        live.content().routingDmn().replaceAll("(<outputEntry id=\"[^\"]*-blindAuditRate\">\\s*<text>)[^<]*(</text>)", "$11$2");
    assertThat(everyCaseSampled).isNotEqualTo(live.content().routingDmn());
    PolicyBundle sampled = live.content().withRoutingDmn(everyCaseSampled);
    policyStore.publish(new PolicyVersion(live.number() + 1, sampled, sampled.contentHash(), "test", "test", "test",
        java.time.Instant.now(), "sample every automatic decision for the blind-audit test", null, null), java.util.Optional.empty());

    try {
      UUID caseId = submit(Map.of("text", SPAM));
      AuditRecord automatic = awaitAudit(caseId);
      assertThat(automatic.actorType()).isEqualTo(AuditRecord.ActorType.AUTOMATED);
      QueueItem blindItem = await(() -> jdbc.sql("select queue_item_id from blind_audits where case_id = :id").param("id", caseId)
          .query(UUID.class).optional().flatMap(queues::find).orElse(null), "a blind-audit item");
      assertThat(blindItem.blind()).isTrue();
      assertThat(blindItem.kind()).isEqualTo(QueueItem.Kind.BLIND_AUDIT);

      String auditorModerator = moderatorToken("66666666-6666-4666-8666-666666666666", blindItem.queue());
      jdbc.sql("update queue_items set state = 'cancelled' where queue = :q and state in ('open', 'leased') and id <> :id")
          .param("q", blindItem.queue()).param("id", blindItem.id()).update();
      HttpResponse<String> claimed = post("/api/v1/queues/" + blindItem.queue() + "/claim-next", auditorModerator, null);
      assertThat(JSON.readTree(claimed.body()).get("id").asText()).isEqualTo(blindItem.id().toString());

      JsonNode blindView = JSON.readTree(get("/api/v1/queue-items/" + blindItem.id(), auditorModerator).body());
      assertThat(blindView.at("/parts/0/text").asText()).contains("CONGRATULATIONS");
      assertThat(blindView.get("signals").isNull()).as("no scores on a blind item").isTrue();
      assertThat(blindView.get("automaticDecision").isNull()).as("no automatic decision on a blind item").isTrue();
      assertThat(blindView.get("highlights")).isEmpty();
      assertThat(blindView.get("history")).noneMatch(entry -> entry.get("event").asText().equals("decided"));
      assertThat(blindView.toString()).doesNotContain("spam-assassin-mlp").doesNotContain(automatic.id());

      String auditor = LocalTokens.trusted().token("auditor1").realmRoles(Roles.AUDITOR).sign();
      JsonNode auditorView = JSON.readTree(get("/api/v1/queue-items/" + blindItem.id(), auditor).body());
      assertThat(auditorView.at("/automaticDecision/id").asText()).isEqualTo(automatic.id());

      HttpResponse<String> decided = post("/api/v1/reviews/" + blindItem.id() + "/decision", auditorModerator,
          "{\"action\":\"remove\",\"reasonCode\":\"SPAM-01\",\"note\":\"obvious prize scam\"}");
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
      assertThat(jdbc.sql("select agrees from blind_audits where queue_item_id = :id").param("id", blindItem.id())
          .query(Boolean.class).single()).isTrue();
      AuditRecord verdict = awaitAudit(caseId, AuditRecord.Kind.BLIND_AUDIT);
      assertThat(verdict.linkedDecisionId()).isEqualTo(automatic.id());
      assertThat(verdict.actorType()).isEqualTo(AuditRecord.ActorType.HUMAN);
      assertThat(verdict.note()).startsWith("Blind audit agrees with the automatic decision");

      JsonNode agreement = JSON.readTree(get("/api/v1/audit/blind-agreement", auditor).body());
      assertThat(agreement.get("agreed").asLong()).isPositive();
      assertThat(agreement.get("decided").asLong()).isGreaterThanOrEqualTo(agreement.get("agreed").asLong());
      assertThat(agreement.get("byCategory")).anyMatch(row -> row.get("category").asText().equals("spam"));
  
    } finally {
      policyChanges.rollback(1, "triage-e2e-test", "back to the shipped sampling rates");
    }
  }

  @Test
  void unreadableFilesFlagTheCaseAndGoToAPersonInsteadOfAnAutomaticAllow() throws Exception {
    byte[] zeros = new byte[32 * 1024 * 1024];
    java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("zeros.txt"));
      zip.write(zeros);
      zip.closeEntry();
    }
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put("locked.pdf", encryptedPdf());
    files.put("broken.docx", "PK\u0003\u0004 this is not really a word document".getBytes(StandardCharsets.UTF_8));
    files.put("bomb.zip", bomb.toByteArray());
    UUID caseId = submitWithFiles("see the attachments", files);

    QueueItem item = awaitQueued(caseId);
    assertThat(item.queue()).isEqualTo("unreadable-content");
    assertThat(jdbc.sql("select 'extraction-failed' = any (flags) from cases where id = :id").param("id", caseId)
        .query(Boolean.class).single()).isTrue();
    List<String> failures = jdbc.sql("select metadata->>'failure' from content_parts where case_id = :id and kind <> 'text' order by position")
        .param("id", caseId).query(String.class).list();
    assertThat(failures).containsExactly("ENCRYPTED", "CORRUPT", "ZIP_BOMB");
    assertThat(jdbc.sql("select count(*) from decisions where case_id = :id").param("id", caseId).query(Long.class).single())
        .as("no automatic decision on content nobody could read").isZero();
  }

  private static byte[] encryptedPdf() throws Exception {
    try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
      pdf.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy lock =
          new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy(
              "owner-secret", "user-secret", new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
      lock.setEncryptionKeyLength(128);
      pdf.protect(lock);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    }
  }

  private UUID submitWithFiles(String text, Map<String, byte[]> files) throws Exception {
    String boundary = "e2e-" + UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    String submission = JSON.writeValueAsString(Map.of("externalId", "e2e-" + UUID.randomUUID(), "authorId", "author-" + UUID.randomUUID(),
        "surface", "public_post", "locale", "en", "text", text));
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"submission\"\r\nContent-Type: application/json\r\n\r\n"
        + submission + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getKey()
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(file.getValue());
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String token = LocalTokens.trusted().token("service-account-platform-demo").realmRoles(Roles.PLATFORM).platformId("demo").sign();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/content"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return UUID.fromString(JSON.readTree(response.body()).get("caseId").asText());
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
    // The SLA timers start when the process enters await-review, just after the item is queued.
    long processKey = jdbc.sql("select process_instance_key from cases where id = :id").param("id", caseId).query(Long.class).single();
    await(() -> ENGINE.activeElementIds(processKey).contains("await-review") ? true : null, "the process waiting for the review");

    ENGINE.clock().advance(Duration.ofHours(12).plusMinutes(1));
    AuditRecord reminder = awaitAudit(caseId, AuditRecord.Kind.ESCALATION);
    assertThat(reminder.action()).isEqualTo("sla-reminder");
    assertThat(queues.find(item.id()).orElseThrow().queue()).isEqualTo("trusted-flagger");

    ENGINE.clock().advance(Duration.ofHours(12));
    QueueItem moved = await(() -> queues.find(item.id()).filter(i -> i.queue().equals("senior")).orElse(null), "moved to senior");
    assertThat(moved.priority()).isEqualTo(1);
    assertThat(moved.state()).isEqualTo(QueueItem.State.OPEN);
    await(() -> auditRecords(caseId).stream().anyMatch(r -> r.action().equals("moved-to-senior")) ? true : null,
        "the move to the senior queue in the audit");
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

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
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
}
