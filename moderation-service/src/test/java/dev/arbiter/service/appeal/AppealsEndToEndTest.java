package dev.arbiter.service.appeal;

import dev.arbiter.service.support.PlatformReceiver;
import dev.arbiter.service.support.PlatformReceiver.Delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditQuery;
import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.policy.JdbcPolicyStore;
import dev.arbiter.service.policy.PolicyChanges;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import dev.arbiter.service.statement.DsaStatementRules;
import dev.arbiter.service.triage.ApplyingEnforcement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Appeals on the local stack: the real engine through the Camunda client, PostgreSQL, Elasticsearch, a
 * platform webhook receiver, and people over HTTP with signed tokens. Each removed item is decided by a
 * moderator in the trusted-flagger queue, then appealed by its author and decided by policy experts.
 */
// Its engine stops after the class: close the context too, so its job workers stop polling.
@DirtiesContext
@ServiceWithLocalTokens
@Import(AppealsEndToEndTest.MovableClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppealsEndToEndTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOK_SECRET = "appeals-e2e-webhook-secret";
  private static final PlatformReceiver PLATFORM = new PlatformReceiver();
  private static final List<Delivery> WEBHOOKS = PLATFORM.deliveries();
  private static final Duration SLA_REMINDER = Duration.ofHours(6);
  private static final Duration SLA_ESCALATION = Duration.ofHours(24);

  private static final String MODERATOR = "aaaaaaaa-0000-4000-8000-000000000001";
  private static final String EXPERT = "aaaaaaaa-0000-4000-8000-000000000002";
  private static final String SENIOR = "aaaaaaaa-0000-4000-8000-000000000003";

  /** The service's clock, movable by a test (an appeal made "seven months later"); the engine keeps its own. */
  @TestConfiguration
  static class MovableClock {
    static volatile Duration offset = Duration.ZERO;

    @Bean
    @Primary
    Clock movableClock() {
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.now().plus(offset);
        }
      };
    }
  }

  @DynamicPropertySource
  static void localStack(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
    registry.add("arbiter.enforcement.platforms.demo.webhook-url",
        PLATFORM::webhookUrl);
    registry.add("arbiter.enforcement.platforms.demo.webhook-secret", () -> WEBHOOK_SECRET);
    registry.add("arbiter.appeals.sla.reminder", SLA_REMINDER::toString);
    registry.add("arbiter.appeals.sla.escalation", SLA_ESCALATION::toString);
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

  /** Each test works its own items: what earlier runs left in these queues is cancelled; the shipped policy routes. */
  @BeforeEach
  void cleanQueuesAndShippedPolicy() {
    jdbc.sql("update queue_items set state = 'cancelled' where queue in ('trusted-flagger', 'appeals', 'senior-policy') and state in ('open', 'leased')")
        .update();
    int live = policyStore.liveState().liveVersion();
    if (!policyChanges.version(live).contentHash().equals(policyChanges.version(1).contentHash())) {
      policyChanges.rollback(1, "appeals-e2e-test", "appeal tests run under the shipped policy");
    }
  }

  @AfterEach
  void clockBack() {
    MovableClock.offset = Duration.ZERO;
  }

  @Test
  @Order(1)
  void aRemovedItemIsAppealedAndOverturnedTheRemovalReversedAndBothDecisionsLinkedInTheAudit() throws Exception {
    String author = "author-" + UUID.randomUUID();
    Removed removed = removedItem(author);
    String appellant = appellantToken(author);

    // The statement of reasons is in the appellant's list, appealable for six months.
    JsonNode mine = find(get("/api/v1/me/decisions", appellant), "decisionId", removed.decisionId());
    assertThat(mine.get("action").asText()).isEqualTo("remove");
    assertThat(mine.get("automated").asBoolean()).isFalse();
    assertThat(mine.get("appealable").asBoolean()).isTrue();
    assertThat(mine.get("notAppealableReason").isNull()).isTrue();
    assertThat(Instant.parse(mine.get("appealDeadline").asText()))
        .isEqualTo(Instant.parse(mine.get("decidedAt").asText()).atOffset(ZoneOffset.UTC).plusMonths(6).toInstant());
    JsonNode statement = mine.get("statement");
    assertThat(statement.get("summary").asText()).contains("appeal");
    assertThat(statement.get("decision_visibility").get(0).asText()).isEqualTo("DECISION_VISIBILITY_CONTENT_REMOVED");
    assertThat(statement.get("source_type").asText()).isEqualTo("SOURCE_TRUSTED_FLAGGER");
    assertThat(statement.get("automated_decision").asText()).isEqualTo("AUTOMATED_DECISION_NOT_AUTOMATED");
    assertThat(statement.get("redress").toString()).contains("out-of-court-dispute-settlement");

    assertThat(post("/api/v1/appeals", appellant, appealBody(removed.decisionId(), "x".repeat(5001))).statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/appeals", appellant, appealBody(removed.decisionId(), "")).statusCode()).isEqualTo(400);

    // Filed with an attachment (through Tika); an exact repeat is the same appeal; different text is a conflict.
    String text = "I was selling my own bike, this is not spam.";
    HttpResponse<String> filed = postMultipart("/api/v1/appeals", appellant,
        "{\"decisionId\":\"%s\",\"text\":\"%s\"}".formatted(removed.decisionId(), text), "receipt.txt", "Receipt for bike, paid 2019.");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    String appealId = JSON.readTree(filed.body()).get("appealId").asText();
    assertThat(filed.headers().firstValue("Location")).hasValue("/api/v1/me/appeals/" + appealId);
    assertThat(JSON.readTree(filed.body()).get("status").asText()).isEqualTo("filed");

    HttpResponse<String> repeated = post("/api/v1/appeals", appellant, appealBody(removed.decisionId(), text));
    assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(200);
    assertThat(JSON.readTree(repeated.body()).get("appealId").asText()).isEqualTo(appealId);
    HttpResponse<String> second = post("/api/v1/appeals", appellant, appealBody(removed.decisionId(), "Another reason"));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
    assertThat(JSON.readTree(second.body()).get("appealId").asText()).isEqualTo(appealId);
    assertThat(JSON.readTree(second.body()).get("detail").asText()).contains(appealId);

    awaitStatus(appellant, appealId, "in-review");

    // Nobody who decided the case, nor its author, nor a machine, decides the appeal.
    String originalDecider = expertToken(MODERATOR);
    assertThat(post("/api/v1/queues/appeals/claim-next", originalDecider, null).statusCode())
        .as("the original decider cannot claim the appeal").isEqualTo(204);
    assertThat(decide(originalDecider, appealId, "overturned", "NO-VIOLATION").statusCode()).isEqualTo(403);
    String authorAsExpert = LocalTokens.trusted().token("author-expert").subject(author)
        .realmRoles(Roles.POLICY_EXPERT, Roles.APPELLANT).groups("/queues/appeals", "/languages/en").sign();
    assertThat(decide(authorAsExpert, appealId, "overturned", "NO-VIOLATION").statusCode()).isEqualTo(403);
    String machine = LocalTokens.trusted().token("service-account-robot").realmRoles(Roles.POLICY_EXPERT)
        .groups("/queues/appeals").sign();
    assertThat(decide(machine, appealId, "overturned", "NO-VIOLATION").statusCode()).isEqualTo(403);

    // Another expert claims it and sees the case, the original decision and its note, not the appellant.
    String expert = expertToken(EXPERT);
    assertThat(decide(expert, appealId, "overturned", "NO-VIOLATION").statusCode()).as("no lease yet").isEqualTo(409);
    JsonNode item = claim(expert, "appeals");
    assertThat(item.get("kind").asText()).isEqualTo("APPEAL");
    assertThat(item.get("caseId").asText()).isEqualTo(removed.caseId().toString());
    HttpResponse<String> view = get("/api/v1/appeals/by-queue-item/" + item.get("id").asText(), expert);
    assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
    JsonNode appeal = JSON.readTree(view.body());
    assertThat(appeal.get("appealId").asText()).isEqualTo(appealId);
    assertThat(appeal.get("appellantRole").asText()).isEqualTo("author");
    assertThat(appeal.get("text").asText()).isEqualTo(text);
    assertThat(appeal.get("attachments").get(0).get("extractedText").asText()).contains("Receipt for bike");
    assertThat(appeal.at("/original/actorId").asText()).isEqualTo(MODERATOR);
    assertThat(appeal.at("/original/note").asText()).isEqualTo("looks like a sales pitch");
    assertThat(appeal.at("/original/reasonCode").asText()).isEqualTo("SPAM-01");
    assertThat(appeal.at("/original/policyVersion").isMissingNode()).isFalse();
    assertThat(appeal.at("/case/parts/0/text").asText()).contains("Selling my old bike");
    assertThat(appeal.at("/case/signals/language").asText()).isEqualTo("en");
    assertThat(view.body()).doesNotContain(author);
    assertThat(get("/api/v1/appeals/" + appealId, expert).body()).isEqualTo(view.body());

    // The banked hash that (in this story) matched the item is flagged when the removal is overturned.
    jdbc.sql("update signals set matches = cast(:m as jsonb) where case_id = :id")
        .param("m", "[{\"category\":\"known-image\",\"mediaPart\":\"bike.jpg\",\"bank\":\"scam-images\",\"label\":\"scam\",\"source\":\"industry\",\"distance\":3}]")
        .param("id", removed.caseId())
        .update();

    HttpResponse<String> decided = decide(expert, appealId, "overturned", "NO-VIOLATION");
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    String rulingId = JSON.readTree(decided.body()).get("decisionId").asText();
    HttpResponse<String> again = decide(expert, appealId, "overturned", "NO-VIOLATION");
    assertThat(again.statusCode()).as("a repeat is harmless").isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("decisionId").asText()).isEqualTo(rulingId);

    // The platform is told to restore, signed, with the ruling as idempotency key and the reversed decision named.
    Delivery restore = await(() -> WEBHOOKS.stream()
        .filter(d -> d.body().contains(removed.caseId().toString()) && d.body().contains("\"restore\"")).findFirst().orElse(null),
        "the restore webhook");
    assertThat(restore.signature())
        .isEqualTo("sha256=" + ApplyingEnforcement.sign(WEBHOOK_SECRET, restore.timestamp() + "." + restore.body()));
    assertThat(restore.idempotencyKey()).isEqualTo(rulingId);
    assertThat(JSON.readTree(restore.body()).get("reverses").asText()).isEqualTo(removed.decisionId().toString());

    JsonNode answered = awaitReply(appellant, appealId);
    assertThat(answered.get("status").asText()).isEqualTo("overturned");
    assertThat(answered.at("/outcome/result").asText()).isEqualTo("overturned");
    assertThat(answered.at("/outcome/reasonCode").asText()).isEqualTo("NO-VIOLATION");
    assertThat(answered.at("/outcome/explanation").asText()).isEqualTo("explained by the expert");
    assertThat(answered.get("reply").asText()).contains("reversed").contains("explained by the expert").contains("out-of-court");
    assertThat(answered.get("redress").toString()).contains("out-of-court-dispute-settlement").contains("judicial-redress");
    assertThat(answered.get("attachments").get(0).get("fileName").asText()).isEqualTo("receipt.txt");
    assertThat(answered.at("/original/action").asText()).isEqualTo("remove");
    assertThat(answered.get("history")).extracting(h -> h.get("event").asText())
        .contains("filed", "in-review", "overturned", "answered");

    // Feedback: enforcement recorded, case labelled for retraining, hash flagged for its bank's owners.
    assertThat(jdbc.sql("select action from enforcements where decision_id = :id").param("id", UUID.fromString(rulingId))
        .query(String.class).single()).isEqualTo("restore");
    assertThat(jdbc.sql("select 'overturned-on-appeal' = any (flags) from cases where id = :id").param("id", removed.caseId())
        .query(Boolean.class).single()).isTrue();
    assertThat(jdbc.sql("select count(*) from training_labels where case_id = :id and label = 'overturned-on-appeal'")
        .param("id", removed.caseId()).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select bank from hash_reviews where case_id = :id").param("id", removed.caseId()).query(String.class).list())
        .containsExactly("scam-images");

    // The audit has the original decision and the appeal decision, linked.
    AuditRecord ruling = await(() -> auditRecords(removed.caseId()).stream()
        .filter(r -> r.kind() == AuditRecord.Kind.APPEAL_DECISION).findFirst().orElse(null), "the appeal decision in the audit");
    assertThat(ruling.id()).isEqualTo(rulingId);
    assertThat(ruling.linkedDecisionId()).isEqualTo(removed.decisionId().toString());
    assertThat(ruling.appealId()).isEqualTo(appealId);
    assertThat(ruling.appealOutcome()).isEqualTo("overturned");
    assertThat(ruling.actorType()).isEqualTo(AuditRecord.ActorType.HUMAN);
    assertThat(ruling.actorId()).isEqualTo(EXPERT);
    assertThat(ruling.category()).isEqualTo("spam");
    assertThat(auditRecords(removed.caseId()))
        .anySatisfy(r -> {
          assertThat(r.id()).isEqualTo(removed.decisionId().toString());
          assertThat(r.kind()).isEqualTo(AuditRecord.Kind.DECISION);
        })
        .anySatisfy(r -> assertThat(r.kind()).isEqualTo(AuditRecord.Kind.REVERSAL))
        .anySatisfy(r -> assertThat(r.kind()).isEqualTo(AuditRecord.Kind.APPEAL_FILED));
    assertThat(jdbc.sql("select appeal_of from decisions where id = :id").param("id", UUID.fromString(rulingId)).query(UUID.class).single())
        .isEqualTo(removed.decisionId());

    // The decided decision is no longer appealable internally; another user sees none of this.
    JsonNode after = find(get("/api/v1/me/decisions", appellant), "decisionId", removed.decisionId());
    assertThat(after.get("appealable").asBoolean()).isFalse();
    assertThat(after.get("notAppealableReason").asText()).startsWith("already-decided:");
    assertThat(after.get("appealId").asText()).isEqualTo(appealId);

    String other = appellantToken("other-" + UUID.randomUUID());
    HttpResponse<String> foreign = get("/api/v1/me/appeals/" + appealId, other);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).doesNotContain(text);
    assertThat(JSON.readTree(get("/api/v1/me/decisions", other).body())).isEmpty();
    assertThat(JSON.readTree(get("/api/v1/me/appeals", other).body())).isEmpty();
    assertThat(post("/api/v1/appeals", other, appealBody(removed.decisionId(), "me too")).statusCode()).isEqualTo(404);
    assertThat(post("/api/v1/appeals", appellant, appealBody(UUID.randomUUID(), "no such decision")).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(get("/api/v1/me/appeals", appellant).body())).extracting(a -> a.get("appealId").asText())
        .containsExactly(appealId);
  }

  @Test
  @Order(2)
  void anUpheldAppealKeepsTheRemovalAndSaysWhy() throws Exception {
    String author = "author-" + UUID.randomUUID();
    Removed removed = removedItem(author);
    String appellant = appellantToken(author);
    String appealId = fileAppeal(appellant, removed.decisionId(), "Please look again.");
    awaitStatus(appellant, appealId, "in-review");

    String expert = expertToken(EXPERT);
    claim(expert, "appeals");
    assertThat(decide(expert, appealId, "overturned", "SPAM-01").statusCode())
        .as("overturning needs a reason code without violation").isEqualTo(422);
    HttpResponse<String> upheld = decide(expert, appealId, "upheld", "SPAM-01");
    assertThat(upheld.statusCode()).as(upheld.body()).isEqualTo(200);
    assertThat(decide(expert, appealId, "overturned", "NO-VIOLATION").statusCode())
        .as("a different second decision is refused").isEqualTo(409);

    JsonNode answered = awaitReply(appellant, appealId);
    assertThat(answered.get("status").asText()).isEqualTo("upheld");
    assertThat(answered.get("reply").asText()).contains("upheld").contains("out-of-court");
    AuditRecord ruling = await(() -> auditRecords(removed.caseId()).stream()
        .filter(r -> r.kind() == AuditRecord.Kind.APPEAL_DECISION).findFirst().orElse(null), "the upheld decision in the audit");
    assertThat(ruling.appealOutcome()).isEqualTo("upheld");
    assertThat(ruling.action()).isEqualTo("remove");
    assertThat(ruling.linkedDecisionId()).isEqualTo(removed.decisionId().toString());
    assertThat(WEBHOOKS).noneMatch(d -> d.body().contains(removed.caseId().toString()) && d.body().contains("\"restore\""));
    assertThat(jdbc.sql("select count(*) from training_labels where case_id = :id").param("id", removed.caseId()).query(Long.class).single())
        .isZero();
  }

  @Test
  @Order(3)
  void aLateAppealIsRecordedAndAnsweredAsIneligible() throws Exception {
    String author = "author-" + UUID.randomUUID();
    Removed removed = removedItem(author);
    String appellant = appellantToken(author);

    MovableClock.offset = Duration.ofDays(7 * 31);
    HttpResponse<String> late = post("/api/v1/appeals", appellant, appealBody(removed.decisionId(), "I was on holiday."));
    assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
    JsonNode receipt = JSON.readTree(late.body());
    assertThat(receipt.get("status").asText()).isEqualTo("ineligible");
    assertThat(receipt.get("ineligibleReason").asText()).startsWith("late:");
    String appealId = receipt.get("appealId").asText();

    JsonNode answered = awaitReply(appellant, appealId);
    assertThat(answered.get("status").asText()).isEqualTo("ineligible");
    assertThat(answered.get("reply").asText()).contains("could not consider").contains("late:").contains("out-of-court");
    assertThat(answered.get("outcome").isNull()).isTrue();
    AuditRecord record = await(() -> auditRecords(removed.caseId()).stream()
        .filter(r -> r.kind() == AuditRecord.Kind.APPEAL_DECISION).findFirst().orElse(null), "the ineligible answer in the audit");
    assertThat(record.appealOutcome()).isEqualTo("ineligible");
    assertThat(record.linkedDecisionId()).isEqualTo(removed.decisionId().toString());
    assertThat(jdbc.sql("select queue_item_id from appeals where id = :id").param("id", UUID.fromString(appealId))
        .query(UUID.class).optional()).as("never enqueued").isEmpty();
    JsonNode mine = find(get("/api/v1/me/decisions", appellant), "decisionId", removed.decisionId());
    assertThat(mine.get("appealable").asBoolean()).isFalse();
    assertThat(mine.get("notAppealableReason").asText()).startsWith("late:");
  }

  @Test
  @Order(4)
  void anAllowIsNotAppealableAndAnExpertCanEscalateToSeniorPolicy() throws Exception {
    String author = "author-" + UUID.randomUUID();
    UUID allowed = decidedItem(author, "allow", "NO-VIOLATION").decisionId();
    String appellant = appellantToken(author);
    HttpResponse<String> notAppealable = post("/api/v1/appeals", appellant, appealBody(allowed, "Why was it reported?"));
    assertThat(notAppealable.statusCode()).as(notAppealable.body()).isEqualTo(201);
    assertThat(JSON.readTree(notAppealable.body()).get("ineligibleReason").asText()).startsWith("not-appealable:");

    Removed removed = removedItem(author);
    String appealId = fileAppeal(appellant, removed.decisionId(), "Context matters here.");
    awaitStatus(appellant, appealId, "in-review");
    String expert = expertToken(EXPERT);
    JsonNode item = claim(expert, "appeals");
    HttpResponse<String> escalated = post("/api/v1/appeals/" + appealId + "/decision", expert,
        "{\"outcome\":\"escalate\",\"explanation\":\"a policy question for senior policy\"}");
    assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
    HttpResponse<String> repeated = post("/api/v1/appeals/" + appealId + "/decision", expert,
        "{\"outcome\":\"escalate\",\"explanation\":\"a policy question for senior policy\"}");
    assertThat(repeated.statusCode()).as("a repeated escalation is harmless: " + repeated.body()).isEqualTo(200);
    assertThat(queues.find(UUID.fromString(item.get("id").asText())).orElseThrow().queue()).isEqualTo("senior-policy");
    assertThat(status(appellant, appealId)).isEqualTo("escalated");
    AuditRecord escalation = await(() -> auditRecords(removed.caseId()).stream()
        .filter(r -> r.kind() == AuditRecord.Kind.ESCALATION && EXPERT.equals(r.actorId())).findFirst().orElse(null),
        "the expert's escalation in the audit");
    assertThat(escalation.note()).contains("a policy question for senior policy");
    assertThat(get("/api/v1/me/appeals/" + appealId, appellant).body())
        .as("the expert's internal reasoning stays internal").doesNotContain("a policy question").contains("escalated-by-expert");

    String senior = LocalTokens.trusted().token("senior-policy1").subject(SENIOR)
        .realmRoles(Roles.SENIOR_MODERATOR).groups("/queues/senior-policy", "/languages/en").sign();
    assertThat(claim(senior, "senior-policy").get("id").asText()).isEqualTo(item.get("id").asText());
    assertThat(decide(senior, appealId, "upheld", "SPAM-01").statusCode()).isEqualTo(200);
    assertThat(awaitReply(appellant, appealId).get("status").asText()).isEqualTo("upheld");
  }

  @Test
  @Order(5)
  void theDsaExportValidatesAndItsPuidsAreStable() throws Exception {
    Instant from = Instant.now().minus(Duration.ofHours(2));
    Instant to = Instant.now().plus(Duration.ofMinutes(1));
    String auditor = LocalTokens.trusted().token("auditor1").realmRoles(Roles.AUDITOR).sign();
    String query = "/api/v1/statements/export?from=" + from + "&to=" + to + "&limit=100";

    HttpResponse<String> first = get(query, auditor);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    List<Map<String, Object>> statements =
        JSON.convertValue(JSON.readTree(first.body()).get("statements"), new TypeReference<>() {});
    assertThat(statements).as("statements of the removals decided in this class").hasSizeGreaterThanOrEqualTo(4).hasSizeLessThanOrEqualTo(100);
    for (Map<String, Object> statement : statements) {
      assertThat(DsaStatementRules.violations(statement)).as("DSA rules for %s", statement.get("puid")).isEmpty();
    }
    assertThat(first.body()).doesNotContain("author-");
    JsonNode again = JSON.readTree(get(query, auditor).body()).get("statements");
    assertThat(again).extracting(s -> s.get("puid").asText())
        .containsExactlyElementsOf(statements.stream().map(s -> (String) s.get("puid")).toList());

    JsonNode page = JSON.readTree(get("/api/v1/statements/export?from=" + from + "&to=" + to + "&limit=1", auditor).body());
    assertThat(page.get("statements")).hasSize(1);
    JsonNode next = JSON.readTree(get(page.get("next").asText(), auditor).body());
    assertThat(next.get("statements").get(0).get("puid").asText()).isEqualTo(statements.get(1).get("puid"));
    assertThat(get("/api/v1/statements/export?limit=101", auditor).statusCode()).isEqualTo(400);
  }

  // Last: moving the engine's clock fires the timers of every instance still waiting.
  @Test
  @Order(Integer.MAX_VALUE)
  void anAppealNobodyDecidesIsRemindedAtItsSlaAndEscalatedToSeniorPolicyAtTheBreach() throws Exception {
    String author = "author-" + UUID.randomUUID();
    Removed removed = removedItem(author);
    String appellant = appellantToken(author);
    String appealId = fileAppeal(appellant, removed.decisionId(), "Nobody answers me.");
    awaitStatus(appellant, appealId, "in-review");
    UUID itemId = jdbc.sql("select queue_item_id from appeals where id = :id").param("id", UUID.fromString(appealId)).query(UUID.class).single();
    int priority = queues.find(itemId).orElseThrow().priority();
    // The SLA timers start when the process enters await-decision, just after the item is queued.
    long processKey = jdbc.sql("select process_instance_key from appeals where id = :id").param("id", UUID.fromString(appealId))
        .query(Long.class).single();
    await(() -> ENGINE.activeElementIds(processKey).contains("await-decision") ? true : null, "the appeal waiting for its expert");

    ENGINE.clock().advance(SLA_REMINDER.plusMinutes(1));
    AuditRecord reminder = poll(() -> auditRecords(removed.caseId()).stream()
        .filter(r -> r.kind() == AuditRecord.Kind.ESCALATION && "appeal-sla-reminder".equals(r.action())).findFirst().orElse(null),
        Duration.ofSeconds(60));
    assertThat(reminder).as("the SLA reminder; incidents: %s", ENGINE.incidents()).isNotNull();
    assertThat(reminder.linkedDecisionId()).isEqualTo(removed.decisionId().toString());
    assertThat(queues.find(itemId).orElseThrow().queue()).isEqualTo("appeals");
    assertThat(queues.find(itemId).orElseThrow().priority()).isLessThan(priority);

    ENGINE.clock().advance(SLA_ESCALATION);
    QueueItem moved = await(() -> queues.find(itemId).filter(i -> i.queue().equals("senior-policy")).orElse(null), "moved to senior policy");
    assertThat(moved.priority()).isEqualTo(1);
    assertThat(moved.state()).isEqualTo(QueueItem.State.OPEN);
    await(() -> "escalated".equals(status(appellant, appealId)) ? true : null, "the appeal escalated");
    assertThat(auditRecords(removed.caseId())).extracting(AuditRecord::action).contains("appeal-sla-reminder", "appeal-escalated");
  }

  // --- the story's steps ---

  record Removed(UUID caseId, UUID decisionId) {}

  /** A trusted flagger's notice, removed as spam by the moderator, with its statement of reasons. */
  private Removed removedItem(String author) throws Exception {
    return decidedItem(author, "remove", "SPAM-01");
  }

  private Removed decidedItem(String author, String action, String reasonCode) throws Exception {
    // The text triage's tests use: its language is recognised as English, which the moderator reads.
    UUID caseId = submit(author, "Selling my old bike, barely used, message me");
    await(() -> queues.waitingItemOf(caseId).orElse(null), "a review item for case " + caseId);
    String moderator = LocalTokens.trusted().token("moderator-appeals").subject(MODERATOR)
        .realmRoles(Roles.MODERATOR, Roles.POLICY_EXPERT).groups("/queues/trusted-flagger", "/queues/appeals", "/languages/en").sign();
    // Items of other runs (a case whose triage a stopped run left unstarted) must not be claimed instead.
    jdbc.sql("update queue_items set state = 'cancelled' where queue = 'trusted-flagger' and state in ('open', 'leased') and case_id <> :id")
        .param("id", caseId)
        .update();
    JsonNode item = claim(moderator, "trusted-flagger");
    assertThat(item.get("caseId").asText()).isEqualTo(caseId.toString());
    HttpResponse<String> decided = post("/api/v1/reviews/" + item.get("id").asText() + "/decision", moderator,
        "{\"action\":\"%s\",\"reasonCode\":\"%s\",\"note\":\"looks like a sales pitch\"}".formatted(action, reasonCode));
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    UUID decisionId = UUID.fromString(JSON.readTree(decided.body()).get("id").asText());
    // Triage is over when its audit record is written; a removal has its statement of reasons by then.
    await(() -> auditRecords(caseId).stream().filter(r -> r.id().equals(decisionId.toString())).findFirst().orElse(null),
        "the moderator's decision in the audit");
    return new Removed(caseId, decisionId);
  }

  private String fileAppeal(String appellant, UUID decisionId, String text) throws Exception {
    HttpResponse<String> filed = post("/api/v1/appeals", appellant, appealBody(decisionId, text));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return JSON.readTree(filed.body()).get("appealId").asText();
  }

  private HttpResponse<String> decide(String token, String appealId, String outcome, String reasonCode) throws Exception {
    return post("/api/v1/appeals/" + appealId + "/decision", token,
        "{\"outcome\":\"%s\",\"reasonCode\":\"%s\",\"explanation\":\"explained by the expert\"}".formatted(outcome, reasonCode));
  }

  private JsonNode claim(String token, String queue) throws Exception {
    HttpResponse<String> claimed = post("/api/v1/queues/" + queue + "/claim-next", token, null);
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    return JSON.readTree(claimed.body());
  }

  private String status(String appellant, String appealId) {
    try {
      return JSON.readTree(get("/api/v1/me/appeals/" + appealId, appellant).body()).get("status").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitStatus(String appellant, String appealId, String status) throws Exception {
    await(() -> status.equals(status(appellant, appealId)) ? status : null, "appeal " + appealId + " " + status);
  }

  private JsonNode awaitReply(String appellant, String appealId) throws Exception {
    return await(() -> {
      try {
        JsonNode appeal = JSON.readTree(get("/api/v1/me/appeals/" + appealId, appellant).body());
        return appeal.hasNonNull("reply") ? appeal : null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "the answer to appeal " + appealId);
  }

  private static String appealBody(UUID decisionId, String text) {
    return "{\"decisionId\":\"%s\",\"text\":\"%s\"}".formatted(decisionId, text);
  }

  private static String appellantToken(String subject) {
    return LocalTokens.trusted().token("appellant-" + subject.substring(0, 10)).subject(subject).realmRoles(Roles.APPELLANT).sign();
  }

  private static String expertToken(String subject) {
    return LocalTokens.trusted().token("expert-" + subject.substring(subject.length() - 4)).subject(subject)
        .realmRoles(Roles.POLICY_EXPERT).groups("/queues/appeals", "/languages/en").sign();
  }

  private UUID submit(String author, String text) throws Exception {
    Map<String, String> body = new HashMap<>(Map.of(
        "externalId", "appeal-e2e-" + UUID.randomUUID(), "authorId", author, "surface", "public_post", "locale", "en",
        "text", text, "reporterType", "trusted_flagger"));
    String token = LocalTokens.trusted().token("service-account-platform-demo").realmRoles(Roles.PLATFORM).platformId("demo").sign();
    HttpResponse<String> response = post("/api/v1/content", token, JSON.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return UUID.fromString(JSON.readTree(response.body()).get("caseId").asText());
  }

  private static JsonNode find(HttpResponse<String> response, String field, UUID value) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    for (JsonNode node : JSON.readTree(response.body())) {
      if (node.get(field).asText().equals(value.toString())) {
        return node;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + response.body());
  }

  private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token);
    if (json == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postMultipart(String path, String token, String appealJson, String fileName, String fileText)
      throws IOException, InterruptedException {
    String boundary = "appeal-boundary-" + UUID.randomUUID();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"appeal\"\r\nContent-Type: application/json\r\n\r\n" + appealJson + "\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"files\"; filename=\"" + fileName + "\"\r\nContent-Type: text/plain\r\n\r\n"
        + fileText + "\r\n--" + boundary + "--\r\n";
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<AuditRecord> auditRecords(UUID caseId) {
    try {
      audit.refresh();
      return audit.search(new AuditQuery(null, caseId.toString(), null, null, null, null, null, null, 0, 50)).records();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T poll(Supplier<T> probe, Duration atMost) throws InterruptedException {
    for (long waited = 0; waited < atMost.toMillis(); waited += 100) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    return null;
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
