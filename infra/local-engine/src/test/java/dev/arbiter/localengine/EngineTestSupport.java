package dev.arbiter.localengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One in-memory engine per test class, driven through the real Camunda client over gRPC. */
abstract class EngineTestSupport {

  private static final AtomicInteger IDS = new AtomicInteger();

  static LocalEngine engine;
  static CamundaClient client;

  @BeforeAll
  static void startEngine() {
    engine = LocalEngine.start(LocalEngineConfig.inMemory());
    client = newClient(engine.grpcAddress());
  }

  @AfterAll
  static void stopEngine() {
    client.close();
    engine.close();
  }

  /** How Arbiter builds its client: gRPC, because the local engine (like Zeebe's gateway) speaks it. */
  static CamundaClient newClient(URI grpcAddress) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(grpcAddress)
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** A process id no other test uses, since the engine is shared by the class. */
  static String uniqueId(String prefix) {
    return prefix + "-" + IDS.incrementAndGet();
  }

  static DeploymentEvent deploy(BpmnModelInstance model, String resourceName) {
    return client.newDeployResourceCommand().addProcessModel(model, resourceName).send().join();
  }

  static DeploymentEvent deployResource(String classpathResource) {
    return client.newDeployResourceCommand().addResourceFromClasspath(classpathResource).send().join();
  }

  static long start(String processId, Object variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
        .send().join().getProcessInstanceKey();
  }

  /** Waits (long polling) for one job of a type and activates it. */
  static ActivatedJob awaitJob(String type) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(5)).workerName("test-worker").requestTimeout(Duration.ofSeconds(2))
          .send().join().getJobs();
      if (!jobs.isEmpty()) {
        return jobs.get(0);
      }
    }
    throw new AssertionError("No job of type '" + type + "' became activatable within 10 s");
  }

  static void assertNoJob(String type) {
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10)
        .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(300)).send().join().getJobs();
    assertThat(jobs).as("jobs of type '%s'", type).isEmpty();
  }

  static void complete(ActivatedJob job, Object variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  static void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("Timed out waiting until " + what);
  }

  static void awaitCompleted(long processInstanceKey) {
    awaitCondition("process instance " + processInstanceKey + " has ended", () -> !engine.isActive(processInstanceKey));
  }

  static LocalEngine.IncidentView awaitIncident(long processInstanceKey) {
    awaitCondition("an incident exists for " + processInstanceKey,
        () -> engine.incidents().stream().anyMatch(i -> i.processInstanceKey() == processInstanceKey));
    return engine.incidents().stream().filter(i -> i.processInstanceKey() == processInstanceKey).findFirst().orElseThrow();
  }

  /** Runs a client call that must fail, and returns the gRPC status the engine answered with. */
  static ClientStatusException rejection(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(ClientStatusException.class);
    return (ClientStatusException) thrown;
  }

  static void assertRejected(Runnable call, Status.Code code, String messagePart) {
    ClientStatusException e = rejection(call);
    assertThat(e.getStatusCode()).isEqualTo(code);
    assertThat(e.getMessage()).contains(messagePart);
  }
}
