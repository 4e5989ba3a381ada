package dev.arbiter.localengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages (correlation, buffering, uniqueness, start events) and timers (durations, dates, cycles). */
class EventsTest extends EngineTestSupport {

  private static String deployMessageCatch(String prefix) {
    String id = uniqueId(prefix);
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("decided").message(m -> m.name(id + "-decided").zeebeCorrelationKeyExpression("caseId"))
        .serviceTask("after", t -> t.zeebeJobType(id)).endEvent().done(), prefix + ".bpmn");
    return id;
  }

  private static void publish(String name, String correlationKey, Duration ttl, Map<String, Object> variables) {
    client.newPublishMessageCommand().messageName(name).correlationKey(correlationKey).timeToLive(ttl)
        .variables(variables).send().join();
  }

  @Test
  void messageCorrelatesByNameAndCorrelationKeyOnly() {
    String id = deployMessageCatch("correlation");
    long first = start(id, Map.of("caseId", "c-1"));
    long second = start(id, Map.of("caseId", "c-2"));

    publish(id + "-decided", "c-2", Duration.ZERO, Map.of("verdict", "remove"));
    publish("other-name", "c-1", Duration.ZERO, Map.of());

    ActivatedJob job = awaitJob(id);
    assertThat(job.getProcessInstanceKey()).isEqualTo(second);
    assertThat(job.getVariablesAsMap()).containsEntry("verdict", "remove");
    assertNoJob(id);
    assertThat(engine.isActive(first)).isTrue();
    assertThat(engine.activeElementIds(first)).as("the first instance still waits for its message").containsExactly("decided");
  }

  @Test
  void numericCorrelationKeysMatchTheirTextForm() {
    String id = deployMessageCatch("numeric-key");
    long key = start(id, Map.of("caseId", 4711));

    publish(id + "-decided", "4711", Duration.ZERO, Map.of());

    assertThat(awaitJob(id).getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  void bufferedMessageWaitsForItsSubscriptionUntilItsTimeToLiveEnds() {
    String id = deployMessageCatch("buffered");
    publish(id + "-decided", "early", Duration.ofMinutes(5), Map.of("verdict", "allow"));
    publish(id + "-decided", "expired", Duration.ofMinutes(1), Map.of());

    long early = start(id, Map.of("caseId", "early"));
    assertThat(awaitJob(id).getProcessInstanceKey()).isEqualTo(early);

    engine.clock().advance(Duration.ofMinutes(2));
    long late = start(id, Map.of("caseId", "expired"));
    assertNoJob(id);
    assertThat(engine.isActive(late)).isTrue();
  }

  @Test
  void messageIdIsUniqueWhileTheMessageIsBuffered() {
    String name = uniqueId("dedup");
    client.newPublishMessageCommand().messageName(name).correlationKey("k").messageId("m-1")
        .timeToLive(Duration.ofMinutes(1)).send().join();

    assertRejected(() -> client.newPublishMessageCommand().messageName(name).correlationKey("k").messageId("m-1")
            .timeToLive(Duration.ofMinutes(1)).send().join(),
        Status.Code.ALREADY_EXISTS, "a message with that id was already published");

    engine.clock().advance(Duration.ofMinutes(2));
    client.newPublishMessageCommand().messageName(name).correlationKey("k").messageId("m-1").send().join();
  }

  @Test
  void aMessageIsCorrelatedOncePerProcessAndEachSubscriptionTakesOneMessage() {
    String id = deployMessageCatch("once");
    long first = start(id, Map.of("caseId", "same"));
    long second = start(id, Map.of("caseId", "same"));

    publish(id + "-decided", "same", Duration.ofMinutes(5), Map.of("n", 1));
    ActivatedJob firstJob = awaitJob(id);
    assertNoJob(id);

    publish(id + "-decided", "same", Duration.ofMinutes(5), Map.of("n", 2));
    ActivatedJob secondJob = awaitJob(id);

    assertThat(List.of(firstJob.getProcessInstanceKey(), secondJob.getProcessInstanceKey()))
        .containsExactlyInAnyOrder(first, second);
    assertThat(firstJob.getVariablesAsMap()).containsEntry("n", 1);
    assertThat(secondJob.getVariablesAsMap()).containsEntry("n", 2);
  }

  @Test
  void receiveTaskWithMessageBoundaryLeavesByWhicheverMessageComesFirst() {
    String id = uniqueId("receive");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .receiveTask("await-decision").message(m -> m.name(id + "-decided").zeebeCorrelationKeyExpression("caseId"))
        .boundaryEvent("withdrawn").message(m -> m.name(id + "-withdrawn").zeebeCorrelationKeyExpression("caseId"))
        .serviceTask("close", t -> t.zeebeJobType(id + "-close")).endEvent()
        .moveToActivity("await-decision").serviceTask("enforce", t -> t.zeebeJobType(id + "-enforce")).endEvent()
        .done(), "receive.bpmn");
    long decided = start(id, Map.of("caseId", "a"));
    long withdrawn = start(id, Map.of("caseId", "b"));

    publish(id + "-decided", "a", Duration.ZERO, Map.of());
    publish(id + "-withdrawn", "b", Duration.ZERO, Map.of());

    assertThat(awaitJob(id + "-enforce").getProcessInstanceKey()).isEqualTo(decided);
    assertThat(awaitJob(id + "-close").getProcessInstanceKey()).isEqualTo(withdrawn);
    assertNoJob(id + "-enforce");
  }

  @Test
  void messageStartEventStartsOneInstancePerCorrelationKeyAtATime() {
    String id = uniqueId("message-start");
    deploy(Bpmn.createExecutableProcess(id).startEvent().message(id + "-report")
        .serviceTask("triage", t -> t.zeebeJobType(id)).endEvent().done(), "message-start.bpmn");

    publish(id + "-report", "content-1", Duration.ofMinutes(5), Map.of("reporter", "u1"));
    publish(id + "-report", "content-1", Duration.ofMinutes(5), Map.of("reporter", "u2"));

    ActivatedJob first = awaitJob(id);
    assertThat(first.getVariablesAsMap()).containsEntry("reporter", "u1");
    assertNoJob(id);
    complete(first, Map.of());

    ActivatedJob second = awaitJob(id);
    assertThat(second.getVariablesAsMap()).containsEntry("reporter", "u2");
    assertThat(second.getProcessInstanceKey()).isNotEqualTo(first.getProcessInstanceKey());
  }

  @Test
  void eventBasedGatewayFollowsTheFirstEvent() {
    String id = uniqueId("event-gateway");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .eventBasedGateway("wait")
        .intermediateCatchEvent("appealed").message(m -> m.name(id + "-appeal").zeebeCorrelationKeyExpression("caseId"))
        .serviceTask("review-appeal", t -> t.zeebeJobType(id + "-appeal")).endEvent()
        .moveToLastGateway()
        .intermediateCatchEvent("window-closed").timerWithDuration("P14D")
        .serviceTask("close", t -> t.zeebeJobType(id + "-close")).endEvent()
        .done(), "event-gateway.bpmn");
    long appealed = start(id, Map.of("caseId", "x"));
    long quiet = start(id, Map.of("caseId", "y"));

    publish(id + "-appeal", "x", Duration.ZERO, Map.of());
    assertThat(awaitJob(id + "-appeal").getProcessInstanceKey()).isEqualTo(appealed);

    engine.clock().advance(Duration.ofDays(15));
    assertThat(awaitJob(id + "-close").getProcessInstanceKey()).isEqualTo(quiet);
    assertNoJob(id + "-close");
  }

  @Test
  void timerCatchEventsWaitForTheirDurationOrDate() {
    String id = uniqueId("timers");
    String date = Instant.ofEpochMilli(engine.clock().millis()).plus(Duration.ofDays(2)).toString();
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .intermediateCatchEvent("sla").timerWithDurationExpression("slaDuration")
        .serviceTask("escalate", t -> t.zeebeJobType(id + "-sla")).endEvent().done(), "timers.bpmn");
    String dated = uniqueId("dated");
    deploy(Bpmn.createExecutableProcess(dated).startEvent()
        .intermediateCatchEvent("deadline").timerWithDate(date)
        .serviceTask("expire", t -> t.zeebeJobType(dated)).endEvent().done(), "dated.bpmn");
    long sla = start(id, Map.of("slaDuration", "PT4H"));
    long deadline = start(dated, Map.of());

    engine.clock().advance(Duration.ofHours(3));
    assertNoJob(id + "-sla");
    engine.clock().advance(Duration.ofHours(1));
    assertThat(awaitJob(id + "-sla").getProcessInstanceKey()).isEqualTo(sla);

    assertNoJob(dated);
    engine.clock().advance(Duration.ofDays(2));
    assertThat(awaitJob(dated).getProcessInstanceKey()).isEqualTo(deadline);
  }

  @Test
  void interruptingBoundaryTimerCancelsTheTask() {
    String id = uniqueId("interrupting");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("review", t -> t.zeebeJobType(id))
        .boundaryEvent("sla-breached").timerWithDuration("PT8H")
        .serviceTask("escalate", t -> t.zeebeJobType(id + "-escalate")).endEvent()
        .moveToActivity("review").endEvent().done(), "interrupting.bpmn");
    start(id, Map.of());
    ActivatedJob review = awaitJob(id);

    engine.clock().advance(Duration.ofHours(8));

    awaitJob(id + "-escalate");
    assertRejected(() -> complete(review, Map.of()), Status.Code.NOT_FOUND, "no such job");
  }

  @Test
  void nonInterruptingCycleBoundaryRemindsWhileTheTaskGoesOn() {
    String id = uniqueId("reminders");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("review", t -> t.zeebeJobType(id))
        .boundaryEvent("remind").cancelActivity(false).timerWithCycle("R2/PT1H")
        .serviceTask("nudge", t -> t.zeebeJobType(id + "-nudge")).endEvent()
        .moveToActivity("review").endEvent().done(), "reminders.bpmn");
    long key = start(id, Map.of());
    ActivatedJob review = awaitJob(id);

    engine.clock().advance(Duration.ofHours(1));
    complete(awaitJob(id + "-nudge"), Map.of());
    engine.clock().advance(Duration.ofHours(1));
    complete(awaitJob(id + "-nudge"), Map.of());
    engine.clock().advance(Duration.ofHours(1));
    assertNoJob(id + "-nudge");

    complete(review, Map.of());
    awaitCompleted(key);
  }

  @Test
  void timerStartEventWithACycleStartsItsRepetitions() {
    String id = uniqueId("timer-start");
    deploy(Bpmn.createExecutableProcess(id).startEvent().timerWithCycle("R3/PT10M")
        .serviceTask("sweep", t -> t.zeebeJobType(id)).endEvent().done(), "timer-start.bpmn");

    for (int i = 0; i < 4; i++) {
      engine.clock().advance(Duration.ofMinutes(10));
    }

    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(id).maxJobsToActivate(10)
        .timeout(Duration.ofMinutes(1)).send().join().getJobs();
    assertThat(jobs).hasSize(3);
  }

  @Test
  void invalidTimerCycleIsRefusedAtDeployment() {
    assertRejected(() -> deploy(Bpmn.createExecutableProcess(uniqueId("bad-cycle")).startEvent("tick")
            .timerWithCycle("0 0 * * *").endEvent().done(), "bad-cycle.bpmn"),
        Status.Code.INVALID_ARGUMENT, "Element: tick");
  }

  @Test
  void correlationKeyThatIsNotTextOrNumberRaisesAnIncident() {
    String id = deployMessageCatch("bad-key");
    long key = start(id, Map.of());

    LocalEngine.IncidentView incident = awaitIncident(key);
    assertThat(incident.type()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.message()).contains("Failed to extract the correlation key for 'caseId'");

    client.newSetVariablesCommand(key).variables(Map.of("caseId", "fixed")).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    publish(id + "-decided", "fixed", Duration.ZERO, Map.of());
    assertThat(awaitJob(id).getProcessInstanceKey()).isEqualTo(key);
  }
}
