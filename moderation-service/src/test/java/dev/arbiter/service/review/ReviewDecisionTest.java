package dev.arbiter.service.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.queue.NewQueueItem;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A moderator's decision reaches the waiting process as message "review-decided", exactly once. */
// Its engine stops after the class: close the context too, so its job workers stop polling.
@DirtiesContext
@ServiceWithLocalTokens
class ReviewDecisionTest {

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
  @Autowired ReviewQueues queues;
  @Autowired CamundaClient camunda;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String moderator1 = moderator("moderator1", "11111111-1111-4111-8111-111111111111");
  private final String moderator2 = moderator("moderator2", "22222222-2222-4222-8222-222222222222");

  @BeforeEach
  void deployAWaitingProcess() {
    camunda.newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("await-review-test")
                .startEvent()
                .receiveTask("await-review")
                .message(m -> m.name(DecidingReview.MESSAGE).zeebeCorrelationKeyExpression("caseId"))
                .endEvent()
                .done(),
            "await-review-test.bpmn")
        .send().join();
  }

  @Test
  void theDecisionCompletesTheWaitAndARepeatedSubmitChangesNothing() throws Exception {
    UUID caseId = newCase();
    long instance = startWaiting(caseId);
    QueueItem item = claimedBy("11111111-1111-4111-8111-111111111111", caseId);

    HttpResponse<String> first = decide(moderator1, item.id(), "remove", "SPAM-01");
    HttpResponse<String> again = decide(moderator1, item.id(), "remove", "SPAM-01");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("id")).isEqualTo(JSON.readTree(first.body()).get("id"));
    awaitEnded(instance);
    assertThat(jdbc.sql("select count(*) from decisions where case_id = :c").param("c", caseId).query(Long.class).single())
        .isEqualTo(1);
    assertThat(queues.find(item.id()).orElseThrow().state()).isEqualTo(QueueItem.State.DECIDED);
    var stored = jdbc.sql("select actor_type, action, category, reason_code from decisions where case_id = :c")
        .param("c", caseId).query().singleRow();
    assertThat(stored).containsEntry("actor_type", "human").containsEntry("action", "remove")
        .containsEntry("category", "spam").containsEntry("reason_code", "SPAM-01");
  }

  @Test
  void aDecisionWithoutTheLeaseOrWithAMismatchedReasonIsRefused() throws Exception {
    UUID caseId = newCase();
    QueueItem item = claimedBy("11111111-1111-4111-8111-111111111111", caseId);

    HttpResponse<String> notHolder = decide(moderator2, item.id(), "remove", "SPAM-01");
    assertThat(notHolder.statusCode()).isEqualTo(409);
    assertThat(notHolder.body()).contains("live lease");

    HttpResponse<String> mismatch = decide(moderator1, item.id(), "allow", "SPAM-01");
    assertThat(mismatch.statusCode()).isEqualTo(422);
    assertThat(mismatch.body()).contains("leads to 'remove'");

    HttpResponse<String> unknown = decide(moderator1, item.id(), "remove", "NO-SUCH-CODE");
    assertThat(unknown.statusCode()).isEqualTo(422);

    assertThat(queues.find(item.id()).orElseThrow().state()).isEqualTo(QueueItem.State.LEASED);
  }

  @Test
  void aDecisionThatArrivesBeforeTheWaitOpensIsStillCorrelated() throws Exception {
    UUID caseId = newCase();
    QueueItem item = claimedBy("11111111-1111-4111-8111-111111111111", caseId);
    assertThat(decide(moderator1, item.id(), "allow", "NO-VIOLATION").statusCode()).isEqualTo(200);

    long instance = startWaiting(caseId);

    awaitEnded(instance);
  }

  private UUID newCase() {
    UUID caseId = UUID.randomUUID();
    jdbc.sql("insert into cases (id, platform_id, external_id, author_id, surface, status) values (:id, 'demo', :id::text, 'a', 'comment', 'triaging')")
        .param("id", caseId).update();
    return caseId;
  }

  private QueueItem claimedBy(String moderatorSubject, UUID caseId) {
    String queue = "review-test-" + UUID.randomUUID();
    queues.enqueue(new NewQueueItem(caseId, queue, QueueItem.Kind.REVIEW, null, 2, null, List.of(), false));
    return queues.claimNext(queue, moderatorSubject, List.of("en"), Duration.ofMinutes(5)).orElseThrow();
  }

  private long startWaiting(UUID caseId) {
    return camunda.newCreateInstanceCommand().bpmnProcessId("await-review-test").latestVersion()
        .variables(Map.of("caseId", caseId.toString())).send().join().getProcessInstanceKey();
  }

  private static void awaitEnded(long instance) throws InterruptedException {
    for (int i = 0; i < 100 && ENGINE.isActive(instance); i++) {
      Thread.sleep(50);
    }
    assertThat(ENGINE.isActive(instance)).as("process instance %d ended", instance).isFalse();
  }

  private HttpResponse<String> decide(String token, UUID itemId, String action, String reasonCode) throws Exception {
    String body = JSON.writeValueAsString(Map.of("action", action, "reasonCode", reasonCode, "note", "checked"));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reviews/" + itemId + "/decision"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String moderator(String username, String subject) {
    return LocalTokens.trusted().token(username).subject(subject).realmRoles(Roles.MODERATOR)
        .groups("/queues/general", "/languages/en").sign();
  }
}
