package dev.arbiter.service.policy;

import dev.arbiter.policy.change.BacktestSummary;
import dev.arbiter.policy.change.DraftStatus;
import dev.arbiter.policy.change.PolicyDraft;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.policy.change.PolicyChangeException;
import dev.arbiter.policy.change.PolicyVersion;
import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingDecision;
import dev.arbiter.policy.routing.RoutingSignals;
import dev.arbiter.service.policy.PolicyApiClient.Reply;
import dev.arbiter.service.security.Roles;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Policy change control end to end: the API with signed tokens, the policy-change workflow on the real local
 * engine with the service's job workers, PostgreSQL as the store, and the published DMN evaluated by the engine.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.security.issuer-uri=" + PolicyApiClient.ISSUER,
      "arbiter.security.admin.server-url=http://127.0.0.1:1",
      "camunda.client.prefer-rest-over-grpc=false"
    })
// Its engine stops after the class: close the context too, so its job workers stop polling.
@DirtiesContext
@Import(PolicyApiClient.TrustedKey.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyChangeTest {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final Duration WORKFLOW_WAIT = Duration.ofSeconds(60);

  /** Spam 0.93 in English on a public post: the shipped policy reviews it, the draft below removes it. */
  private static final RoutingSignals SPAM_093 = new RoutingSignals(0.93, 0.0, 0.0, 0.0, 0.0, false, false, "en", "public_post", 0, "none");

  private static final String AUTHOR = PolicyApiClient.token("expert-author", Roles.POLICY_EXPERT);
  private static final String SECOND_EXPERT = PolicyApiClient.token("expert-reviewer", Roles.POLICY_EXPERT);
  private static final String ADMIN = PolicyApiClient.token("policy-admin", Roles.POLICY_ADMIN);
  private static final String AUDITOR = PolicyApiClient.token("auditor", Roles.AUDITOR);

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
  }

  @AfterAll
  static void stopEngine() {
    ENGINE.close();
  }

  @LocalServerPort int port;
  @Autowired LivePolicy livePolicy;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired JdbcPolicyStore store;

  private PolicyApiClient api;

  @BeforeEach
  void connect() {
    api = new PolicyApiClient(port);
  }

  @Test
  @Order(1)
  void aDraftIsBacktestedApprovedByASecondExpertPublishedAndDeployed() {
    liveIsTheInitialContent();
    String caseId = pastSpamCaseDecidedByAReviewer();
    int before = liveVersion();
    assertThat(livePolicy.evaluate(SPAM_093).route()).isEqualTo(Route.REVIEW);

    Reply created = api.post("/api/v1/policy/drafts", Map.of(
        "rationale", "reviewers upheld almost every spam case from 0.90",
        "routingDmn", setEntry(liveDmn(), "spam-auto-remove-spam", "&gt;= 0.9")), AUTHOR);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String draftId = created.json().at("/draft/id").asText();
    assertThat(created.json().at("/draft/author").asText()).isEqualTo("expert-author");
    assertThat(created.json().at("/diffAgainstLive/thresholdsChanged/0/ruleId").asText()).isEqualTo("spam-auto-remove");
    assertThat(created.json().at("/processInstanceKey").asLong()).isPositive();

    JsonNode backtested = await(() -> api.get("/api/v1/policy/drafts/" + draftId, AUDITOR).json(),
        draft -> !draft.at("/backtest").isNull() && !draft.at("/backtest").isMissingNode());
    assertThat(backtested.at("/backtest/cases").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(backtested.at("/backtest/routeTransitions/review -> remove").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(backtested.at("/draft/backtest/cases").asInt()).isEqualTo(backtested.at("/backtest/cases").asInt());
    assertThat(jdbc.sql("select count(*) from decisions where case_id = :id").param("id", UUID.fromString(caseId)).query(Integer.class).single())
        .isEqualTo(1);

    Reply byAuthor = api.post("/api/v1/policy/drafts/" + draftId + "/approve", Map.of("comment", "mine"), AUTHOR);
    assertThat(byAuthor.status()).isEqualTo(403);
    assertThat(byAuthor.json().get("detail").asText()).contains("the author cannot approve their own change");
    Reply byAuditor = api.post("/api/v1/policy/drafts/" + draftId + "/approve", Map.of(), AUDITOR);
    assertThat(byAuditor.status()).isEqualTo(403);

    Reply approved = api.post("/api/v1/policy/drafts/" + draftId + "/approve", Map.of("comment", "backtest reads well"), SECOND_EXPERT);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    Reply doubleClick = api.post("/api/v1/policy/drafts/" + draftId + "/approve", Map.of("comment", "backtest reads well"), SECOND_EXPERT);
    assertThat(doubleClick.status()).as(doubleClick.body()).isEqualTo(200);

    JsonNode closed = await(() -> api.get("/api/v1/policy/drafts/" + draftId, SECOND_EXPERT).json(),
        draft -> draft.at("/closed/outcome").asText().equals("published"));
    int published = closed.at("/closed/policyVersion").asInt();
    assertThat(published).isEqualTo(before + 1);
    assertThat(closed.at("/draft/status").asText()).isEqualTo("PUBLISHED");
    assertThat(liveVersion()).isEqualTo(published);

    RoutingDecision decision = livePolicy.evaluate(SPAM_093);
    assertThat(decision.route()).isEqualTo(Route.REMOVE);
    assertThat(decision.ruleId()).isEqualTo("spam-auto-remove");
    assertThat(decision.policy().label()).isEqualTo("v" + published);
    assertThat(engineRoute(SPAM_093)).isEqualTo("remove");

    Reply diff = api.get("/api/v1/policy/diff?from=" + before + "&to=" + published, AUDITOR);
    assertThat(diff.status()).isEqualTo(200);
    assertThat(diff.json().at("/thresholdsChanged/0/after").asText()).isEqualTo(">= 0.9");
    Reply versions = api.get("/api/v1/policy/versions", AUDITOR);
    assertThat(versions.json().get("live").asInt()).isEqualTo(published);
    assertThat(versions.json().get("changeLog").findValuesAsText("type")).contains("DRAFTED", "BACKTESTED", "APPROVED", "PUBLISHED");
    assertThat(api.get("/api/v1/policy/versions/" + published, AUDITOR).json().at("/content/routingDmn").asText()).contains("&gt;= 0.9");
  }

  @Test
  @Order(2)
  void rollbackIsOneCallAndTheNextEvaluationCarriesTheRestoredContentAsANewVersion() {
    if (liveHash().equals(versionHash(1))) {
      aDraftIsBacktestedApprovedByASecondExpertPublishedAndDeployed();
    }
    int before = liveVersion();
    assertThat(livePolicy.evaluate(SPAM_093).route()).isEqualTo(Route.REMOVE);

    Reply byExpert = api.post("/api/v1/policy/rollback", Map.of("toVersion", 1, "rationale", "too many wrong removals"), SECOND_EXPERT);
    assertThat(byExpert.status()).isEqualTo(403);
    Reply rolledBack = api.post("/api/v1/policy/rollback", Map.of("toVersion", 1, "rationale", "too many wrong removals"), ADMIN);

    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(201);
    assertThat(rolledBack.json().get("number").asInt()).isEqualTo(before + 1);
    assertThat(rolledBack.json().get("restoredFrom").asInt()).isEqualTo(1);
    RoutingDecision decision = livePolicy.evaluate(SPAM_093);
    assertThat(decision.route()).isEqualTo(Route.REVIEW);
    assertThat(decision.policy().label()).isEqualTo("v" + (before + 1));
    assertThat(decision.policy().contentHash()).isEqualTo(versionHash(1));
    assertThat(engineRoute(SPAM_093)).isEqualTo("review");
  }

  @Test
  @Order(3)
  void malformedAndIncompleteTablesAreRefusedAtDraftTime() {
    String live = liveDmn();

    Reply malformed = draft(live.substring(0, live.length() / 2));
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.json().get("detail").asText()).contains("routing.dmn");

    Reply badCell = draft(setEntry(live, "spam-auto-remove-spam", "&gt;= = 0.9"));
    assertThat(badCell.status()).isEqualTo(422);
    assertThat(badCell.json().get("detail").asText()).contains("routing.dmn").contains("'>= = 0.9'");

    Reply gap = draft(setEntry(live, "below-thresholds-spam", "&lt; 0.75"));
    assertThat(gap.status()).isEqualTo(422);
    assertThat(gap.json().get("detail").asText()).contains("no rule matches").contains("spam in [0.75..0.8)");
    assertThat(gap.json().get("problems")).isNotEmpty();
  }

  @Test
  @Order(4)
  void aDraftInShadowModeRecordsWhatItWouldHaveDecidedAndARejectionIsRecorded() {
    liveIsTheInitialContent();
    Reply created = draft(setEntry(liveDmn(), "spam-auto-remove-spam", "&gt;= 0.9"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String draftId = created.json().at("/draft/id").asText();

    Reply started = api.post("/api/v1/policy/drafts/" + draftId + "/shadow", Map.of("running", true), AUTHOR);
    assertThat(started.json().get("running").asBoolean()).isTrue();
    RoutingDecision live = livePolicy.evaluate("case-shadow-" + draftId, SPAM_093);
    assertThat(live.route()).isEqualTo(Route.REVIEW);
    JsonNode shadow = api.get("/api/v1/policy/drafts/" + draftId, AUDITOR).json().get("shadow");
    assertThat(shadow.get("evaluations").asInt()).isEqualTo(1);
    assertThat(shadow.get("diverged").asInt()).isEqualTo(1);
    assertThat(shadow.at("/divergedExamples/0/shadow/route").asText()).isEqualTo("REMOVE");

    Reply stopped = api.post("/api/v1/policy/drafts/" + draftId + "/shadow", Map.of("running", false), AUTHOR);
    assertThat(stopped.json().get("running").asBoolean()).isFalse();
    livePolicy.evaluate("case-after-shadow-" + draftId, SPAM_093);
    assertThat(api.get("/api/v1/policy/drafts/" + draftId, AUDITOR).json().at("/shadow/evaluations").asInt()).isEqualTo(1);

    assertThat(api.post("/api/v1/policy/drafts/" + draftId + "/reject", Map.of("reason", "mine"), AUTHOR).status()).isEqualTo(403);
    Reply rejected = api.post("/api/v1/policy/drafts/" + draftId + "/reject", Map.of("reason", "wait for the May figures"), SECOND_EXPERT);
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    JsonNode closed = await(() -> api.get("/api/v1/policy/drafts/" + draftId, AUDITOR).json(),
        draft -> draft.at("/closed/outcome").asText().equals("rejected"));
    assertThat(closed.at("/draft/status").asText()).isEqualTo("REJECTED");
    assertThat(closed.at("/draft/reviewer").asText()).isEqualTo("expert-reviewer");
  }

  @Test
  @Order(5)
  void anAuditorReadsEverythingAndChangesNothing() {
    assertThat(api.get("/api/v1/policy/versions", AUDITOR).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/policy/versions/1", AUDITOR).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/policy/drafts", AUDITOR).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/policy/versions/999999", AUDITOR).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/policy/drafts", Map.of("rationale", "x", "routingDmn", liveDmn()), AUDITOR).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/policy/rollback", Map.of("toVersion", 1, "rationale", "x"), AUDITOR).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/policy/drafts/d1/reject", Map.of("reason", "x"), AUDITOR).status()).isEqualTo(403);
  }

  @Test
  @Order(6)
  void concurrentPublishesNeverShareAVersionNumber() throws Exception {
    PolicyVersion live = store.latestVersion().orElseThrow();
    PolicyVersion next = new PolicyVersion(live.number() + 1, live.content(), live.contentHash(), live.author(), live.approver(),
        "concurrency-test", Instant.now(), "same content, published twice at once", null, live.number());
    ExecutorService replicas = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        attempts.add(replicas.submit(() -> {
          try {
            store.publish(next, Optional.empty());
            return true;
          } catch (PolicyChangeException refused) {
            return false;
          }
        }));
      }
      long succeeded = 0;
      for (Future<Boolean> attempt : attempts) {
        succeeded += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(succeeded).isEqualTo(1);
      assertThat(store.latestVersionNumber().getAsInt()).isEqualTo(live.number() + 1);
    } finally {
      replicas.shutdownNow();
    }
  }

  @Test
  @Order(7)
  void aBacktestFinishingAfterTheReviewDoesNotReopenTheDraft() {
    Reply created = draft(setEntry(liveDmn(), "spam-auto-remove-spam", "&gt;= 0.95"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String draftId = created.json().at("/draft/id").asText();
    PolicyDraft copyBeforeTheReview = store.draft(draftId).orElseThrow();

    Reply rejected = api.post("/api/v1/policy/drafts/" + draftId + "/reject", Map.of("reason", "not now"), SECOND_EXPERT);
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    store.saveDraft(copyBeforeTheReview.withBacktestSummary(new BacktestSummary(3, 1, Instant.now(), "a slow backtest")));

    PolicyDraft after = store.draft(draftId).orElseThrow();
    assertThat(after.status()).isEqualTo(DraftStatus.REJECTED);
  }

  private Reply draft(String dmn) {
    return api.post("/api/v1/policy/drafts", Map.of("rationale", "test change " + Instant.now(), "routingDmn", dmn), AUTHOR);
  }

  /** Other tests may have left a different live version; the scenarios start from the initial content. */
  private void liveIsTheInitialContent() {
    if (!liveHash().equals(versionHash(1))) {
      Reply reset = api.post("/api/v1/policy/rollback", Map.of("toVersion", 1, "rationale", "test starts from v1"), ADMIN);
      assertThat(reset.status()).as(reset.body()).isEqualTo(201);
    }
  }

  /** A spam case a reviewer decided (route review); with the draft it would have been removed by the machine. */
  private String pastSpamCaseDecidedByAReviewer() {
    UUID caseId = UUID.randomUUID();
    jdbc.sql("insert into cases (id, platform_id, external_id, author_id, surface, locale, status) "
            + "values (:id, 'policy-test', :external, 'author-1', 'public_post', 'en', 'decided')")
        .param("id", caseId).param("external", caseId.toString()).update();
    jdbc.sql("insert into signals (case_id, language, scores) values (:id, 'en', cast(:scores as jsonb))")
        .param("id", caseId).param("scores", "{\"spam\": 0.93, \"scam\": 0.01}").update();
    jdbc.sql("insert into decisions (id, case_id, actor_id, actor_type, action, category, reason_code, policy_version) "
            + "values (:id, :caseId, 'moderator1', 'human', 'remove', 'spam', 'SPAM-01', 'v1')")
        .param("id", UUID.randomUUID()).param("caseId", caseId).update();
    return caseId.toString();
  }

  private String engineRoute(RoutingSignals signals) {
    EvaluateDecisionResponse response = camunda.newEvaluateDecisionCommand().decisionId("routing").variables(signals.toVariables())
        .send().join();
    assertThat(response.getFailureMessage()).isNullOrEmpty();
    return response.getDecisionOutput().replaceAll(".*\"route\"\\s*:\\s*\"([a-z]+)\".*", "$1");
  }

  private int liveVersion() {
    return api.get("/api/v1/policy/versions", AUDITOR).json().get("live").asInt();
  }

  private String liveHash() {
    return versionHash(liveVersion());
  }

  private String versionHash(int number) {
    return api.get("/api/v1/policy/versions/" + number, AUDITOR).json().get("contentHash").asText();
  }

  private String liveDmn() {
    return api.get("/api/v1/policy/versions/" + liveVersion(), AUDITOR).json().at("/content/routingDmn").asText();
  }

  /** Replaces the text of one input entry (rule id + "-" + column) in DMN XML; the text is XML-escaped. */
  private static String setEntry(String dmn, String entryId, String text) {
    Matcher entry = Pattern.compile("(<inputEntry id=\"" + Pattern.quote(entryId) + "\">\\s*<text>)[^<]*(</text>)").matcher(dmn);
    assertThat(entry.find()).as("entry %s in the DMN", entryId).isTrue();
    return entry.replaceFirst("$1" + Matcher.quoteReplacement(text) + "$2");
  }

  private static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(WORKFLOW_WAIT);
    JsonNode last = read.get();
    while (!done.test(last)) {
      assertThat(Instant.now()).as("workflow did not get there within %s; last state: %s", WORKFLOW_WAIT, last).isBefore(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = read.get();
    }
    return last;
  }
}
