package dev.arbiter.localengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.Topology;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The gateway API itself: topology, deployment and versions, creation, cancellation, job workers. */
class GatewayProtocolTest extends EngineTestSupport {

  private static BpmnModelInstance oneTask(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId).startEvent("start")
        .serviceTask("work", t -> t.zeebeJobType(jobType)).endEvent("end").done();
  }

  @Test
  void topologyShowsOneHealthyPartitionLedByTheLocalBroker() {
    Topology topology = client.newTopologyRequest().send().join();

    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.14");
    assertThat(topology.getBrokers().get(0).getPartitions().get(0).isLeader()).isTrue();
  }

  @Test
  void redeployingTheSameModelKeepsItsVersionAndAChangedModelGetsTheNext() {
    String id = uniqueId("versioned");
    BpmnModelInstance model = oneTask(id, "v1-job");
    DeploymentEvent first = deploy(model, "versioned.bpmn");
    DeploymentEvent same = deploy(model, "versioned.bpmn");
    long onFirstVersion = start(id, Map.of());
    DeploymentEvent changed = deploy(oneTask(id, "v2-job"), "versioned.bpmn");

    assertThat(first.getKey()).isGreaterThan(2251799813685248L);
    assertThat(first.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(same.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(same.getProcesses().get(0).getProcessDefinitionKey())
        .isEqualTo(first.getProcesses().get(0).getProcessDefinitionKey());
    assertThat(changed.getProcesses().get(0).getVersion()).isEqualTo(2);

    ActivatedJob oldJob = awaitJob("v1-job");
    assertThat(oldJob.getProcessInstanceKey()).isEqualTo(onFirstVersion);
    assertThat(oldJob.getProcessDefinitionVersion()).isEqualTo(1);

    ProcessInstanceEvent latest = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
    ProcessInstanceEvent pinned = client.newCreateInstanceCommand().bpmnProcessId(id).version(1).send().join();
    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(pinned.getVersion()).isEqualTo(1);
    assertThat(awaitJob("v2-job").getProcessInstanceKey()).isEqualTo(latest.getProcessInstanceKey());
    assertThat(awaitJob("v1-job").getProcessInstanceKey()).isEqualTo(pinned.getProcessInstanceKey());
  }

  @Test
  void unsupportedElementsAreRefusedNamingTheElement() {
    BpmnModelInstance withUserTask = Bpmn.createExecutableProcess(uniqueId("user-task")).startEvent()
        .userTask("approve").endEvent().done();

    assertRejected(() -> deploy(withUserTask, "user-task.bpmn"), Status.Code.INVALID_ARGUMENT,
        "Element: approve (userTask)");
  }

  @Test
  void invalidFeelAndInvalidXmlAreRefused() {
    BpmnModelInstance badFeel = Bpmn.createExecutableProcess(uniqueId("bad-feel")).startEvent()
        .serviceTask("task", t -> t.zeebeJobType("x").zeebeInputExpression("a +* b", "c")).endEvent().done();

    assertRejected(() -> deploy(badFeel, "bad-feel.bpmn"), Status.Code.INVALID_ARGUMENT, "Element: task (serviceTask)");
    assertRejected(() -> client.newDeployResourceCommand().addResourceStringUtf8("<definitions", "broken.bpmn")
        .send().join(), Status.Code.INVALID_ARGUMENT, "broken.bpmn");
  }

  @Test
  void creatingAnUnknownProcessIsNotFound() {
    assertRejected(() -> start("no-such-process", Map.of()), Status.Code.NOT_FOUND,
        "Expected to find process definition with process ID 'no-such-process', but none found");
    assertRejected(() -> client.newCreateInstanceCommand().bpmnProcessId("no-such-process").version(3).send().join(),
        Status.Code.NOT_FOUND, "and version '3'");
  }

  @Test
  void createWithResultReturnsTheVariablesWhenTheInstanceCompletes() {
    String id = uniqueId("with-result");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("double", t -> t.zeebeJobType(id + "-double")).endEvent().done(), "with-result.bpmn");
    try (JobWorker worker = client.newWorker().jobType(id + "-double")
        .handler((c, job) -> c.newCompleteCommand(job).variables(
            Map.of("doubled", ((Number) job.getVariablesAsMap().get("n")).intValue() * 2)).send().join())
        .open()) {
      Map<String, Object> result = client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion()
          .variables(Map.of("n", 21)).withResult().fetchVariables("doubled").send().join().getVariablesAsMap();

      assertThat(result).containsExactly(Map.entry("doubled", 42));
    }
  }

  @Test
  void cancellingAnInstanceRemovesItsJobs() {
    String id = uniqueId("cancel");
    deploy(oneTask(id, id + "-job"), "cancel.bpmn");
    long key = start(id, Map.of());
    ActivatedJob job = awaitJob(id + "-job");

    client.newCancelInstanceCommand(key).send().join();

    assertThat(engine.isActive(key)).isFalse();
    assertRejected(() -> complete(job, Map.of()), Status.Code.NOT_FOUND, "no such job was found");
    assertRejected(() -> client.newCancelInstanceCommand(key).send().join(), Status.Code.NOT_FOUND,
        "no such process was found");
  }

  @Test
  void longPollingActivationWaitsForAJobCreatedLater() throws InterruptedException {
    String id = uniqueId("long-poll");
    deploy(oneTask(id, id + "-job"), "long-poll.bpmn");
    var poll = client.newActivateJobsCommand().jobType(id + "-job").maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(1)).requestTimeout(Duration.ofSeconds(15)).send().toCompletableFuture();
    Thread.sleep(300);
    assertThat(poll).as("a long poll without jobs stays parked").isNotDone();

    long key = start(id, Map.of());

    List<ActivatedJob> jobs = poll.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join().getJobs();
    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).containsExactly(key);
  }

  @Test
  void pollingAndStreamingWorkersBothReceiveJobsWithHeadersAndVariables() {
    String id = uniqueId("workers");
    deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("polled", t -> t.zeebeJobType(id + "-polled").zeebeTaskHeader("queue", "urgent"))
        .serviceTask("streamed", t -> t.zeebeJobType(id + "-streamed"))
        .endEvent().done(), "workers.bpmn");
    ConcurrentLinkedQueue<ActivatedJob> seen = new ConcurrentLinkedQueue<>();
    try (JobWorker polling = client.newWorker().jobType(id + "-polled")
            .handler((c, job) -> {
              seen.add(job);
              c.newCompleteCommand(job).variables(Map.of("step", 1)).send().join();
            })
            .name("poller").streamEnabled(false).pollInterval(Duration.ofMillis(50)).open();
        JobWorker streaming = client.newWorker().jobType(id + "-streamed")
            .handler((c, job) -> {
              seen.add(job);
              c.newCompleteCommand(job).send().join();
            })
            .name("streamer").streamEnabled(true).pollInterval(Duration.ofHours(1))
            .requestTimeout(Duration.ofMillis(1)).open()) {
      // The streamer's one poll ends at once, so its job can only arrive pushed on the stream.
      awaitCondition("the job stream is open", () -> engine.openJobStreams() > 0);
      long key = start(id, Map.of("orderId", "o-1"));
      awaitCompleted(key);
    }

    List<ActivatedJob> jobs = List.copyOf(seen);
    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(0).getCustomHeaders()).containsEntry("queue", "urgent");
    assertThat(jobs.get(0).getWorker()).isEqualTo("poller");
    assertThat(jobs.get(0).getVariablesAsMap()).containsEntry("orderId", "o-1");
    assertThat(jobs.get(1).getWorker()).isEqualTo("streamer");
    assertThat(jobs.get(1).getVariablesAsMap()).containsEntry("step", 1);
  }
}
