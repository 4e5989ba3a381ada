package dev.arbiter.localengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jobs: activation, retries and back-off, incidents and their resolution, timeouts, BPMN errors. */
class JobLifecycleTest extends EngineTestSupport {

  private static String deployOneTask(String prefix) {
    String id = uniqueId(prefix);
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(id).zeebeJobRetries("2"))
        .serviceTask("after", t -> t.zeebeJobType(id + "-after"))
        .endEvent().done(), prefix + ".bpmn");
    return id;
  }

  @Test
  void activationCarriesRetriesWorkerAndDeadline() {
    String id = deployOneTask("activation");
    long key = start(id, Map.of("a", 1));

    ActivatedJob job = awaitJob(id);

    assertThat(job.getProcessInstanceKey()).isEqualTo(key);
    assertThat(job.getRetries()).isEqualTo(2);
    assertThat(job.getWorker()).isEqualTo("test-worker");
    assertThat(job.getDeadline()).isGreaterThan(System.currentTimeMillis() + Duration.ofMinutes(4).toMillis());
    assertThat(job.getElementId()).isEqualTo("task");
    assertNoJob(id);
  }

  @Test
  void completingAJobTwiceIsNotFound() {
    String id = deployOneTask("twice");
    start(id, Map.of());
    ActivatedJob job = awaitJob(id);
    complete(job, Map.of());

    assertRejected(() -> complete(job, Map.of()), Status.Code.NOT_FOUND,
        "Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '" + job.getKey()
            + "', but no such job was found");
    assertThat(awaitJob(id + "-after")).isNotNull();
  }

  @Test
  void failedJobComesBackAfterItsBackOff() {
    String id = deployOneTask("backoff");
    start(id, Map.of());
    ActivatedJob job = awaitJob(id);

    client.newFailCommand(job.getKey()).retries(1).retryBackoff(Duration.ofMinutes(10)).errorMessage("busy")
        .send().join();

    assertNoJob(id);
    engine.clock().advance(Duration.ofMinutes(10));
    ActivatedJob retried = awaitJob(id);
    assertThat(retried.getKey()).isEqualTo(job.getKey());
    assertThat(retried.getRetries()).isEqualTo(1);
  }

  @Test
  void noRetriesLeftRaisesAnIncidentThatResolvesOnlyAfterRetriesAreUpdated() {
    String id = deployOneTask("incident");
    long key = start(id, Map.of());
    ActivatedJob job = awaitJob(id);

    client.newFailCommand(job.getKey()).retries(0).errorMessage("classifier down").send().join();

    LocalEngine.IncidentView incident = awaitIncident(key);
    assertThat(incident.type()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.message()).isEqualTo("classifier down");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    assertNoJob(id);
    assertRejected(() -> client.newResolveIncidentCommand(incident.key()).send().join(),
        Status.Code.FAILED_PRECONDITION, "has no retries left");

    client.newUpdateRetriesCommand(job.getKey()).retries(3).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob again = awaitJob(id);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(3);
    assertThat(engine.incidents()).noneMatch(i -> i.processInstanceKey() == key);
  }

  @Test
  void retriesMustBePositiveAndUnknownJobsAreNotFound() {
    String id = deployOneTask("retries");
    start(id, Map.of());
    ActivatedJob job = awaitJob(id);

    assertRejected(() -> client.newUpdateRetriesCommand(job.getKey()).retries(0).send().join(),
        Status.Code.INVALID_ARGUMENT, "positive amount of retries");
    assertRejected(() -> client.newUpdateRetriesCommand(123L).retries(1).send().join(), Status.Code.NOT_FOUND,
        "no such job was found");
    assertRejected(() -> client.newFailCommand(123L).retries(1).send().join(), Status.Code.NOT_FOUND,
        "no such job was found");
  }

  @Test
  void timedOutJobIsHandedOutAgainAndTheTimeoutCanBeExtended() {
    String id = deployOneTask("timeout");
    start(id, Map.of());
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(id).maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(1)).send().join().getJobs();
    assertThat(jobs).hasSize(1);

    client.newUpdateTimeoutCommand(jobs.get(0).getKey()).timeout(Duration.ofMinutes(30)).send().join();
    engine.clock().advance(Duration.ofMinutes(2));
    assertNoJob(id);

    engine.clock().advance(Duration.ofMinutes(30));
    assertThat(awaitJob(id).getKey()).isEqualTo(jobs.get(0).getKey());
  }

  @Test
  void thrownErrorIsCaughtByTheBoundaryWithItsCodeAndCarriesVariables() {
    String id = uniqueId("bpmn-error");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("extract", t -> t.zeebeJobType(id))
        .boundaryEvent("unsupported", b -> b.error("UNSUPPORTED_MEDIA"))
        .serviceTask("manual", t -> t.zeebeJobType(id + "-manual")).endEvent()
        .moveToActivity("extract").serviceTask("classify", t -> t.zeebeJobType(id + "-classify")).endEvent()
        .done(), "bpmn-error.bpmn");
    start(id, Map.of());
    ActivatedJob job = awaitJob(id);

    client.newThrowErrorCommand(job.getKey()).errorCode("UNSUPPORTED_MEDIA").errorMessage("no parser")
        .variables(Map.of("reason", "video")).send().join();

    ActivatedJob manual = awaitJob(id + "-manual");
    assertThat(manual.getVariablesAsMap()).containsEntry("reason", "video");
    assertNoJob(id + "-classify");
  }

  @Test
  void uncaughtErrorRaisesAnIncident() {
    String id = deployOneTask("uncaught");
    long key = start(id, Map.of());
    ActivatedJob job = awaitJob(id);

    client.newThrowErrorCommand(job.getKey()).errorCode("NOBODY_CATCHES").send().join();

    LocalEngine.IncidentView incident = awaitIncident(key);
    assertThat(incident.type()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.message()).contains("NOBODY_CATCHES");
  }
}
