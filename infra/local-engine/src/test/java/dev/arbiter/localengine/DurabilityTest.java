package dev.arbiter.localengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State survives: a clean restart, and kill -9 of a standalone engine process. */
class DurabilityTest {

  private static final int INSTANCES = 40;

  private static final BpmnModelInstance CASE = Bpmn.createExecutableProcess("durable-case").startEvent()
      .serviceTask("classify", t -> t.zeebeJobType("durable-classify"))
      .intermediateCatchEvent("decided").message(m -> m.name("durable-decided").zeebeCorrelationKeyExpression("caseId"))
      .intermediateCatchEvent("cool-down").timerWithDuration("PT2S")
      .serviceTask("record", t -> t.zeebeJobType("durable-record"))
      .endEvent().done();

  @Test
  void killMinusNineLosesNoAcknowledgedCommand(@TempDir Path dataDirectory) throws Exception {
    StandaloneEngine first = StandaloneEngine.start(dataDirectory);
    List<Long> instances = new ArrayList<>();
    try (CamundaClient client = EngineTestSupport.newClient(first.address())) {
      client.newDeployResourceCommand().addProcessModel(CASE, "durable-case.bpmn").send().join();
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(client.newCreateInstanceCommand().bpmnProcessId("durable-case").latestVersion()
            .variables(Map.of("caseId", "case-" + i)).send().join().getProcessInstanceKey());
      }
      // Five jobs completed (those instances now wait for their message), five activated and left hanging.
      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("durable-classify").maxJobsToActivate(10)
          .timeout(Duration.ofSeconds(2)).send().join().getJobs();
      assertThat(jobs).hasSize(10);
      for (ActivatedJob job : jobs.subList(0, 5)) {
        client.newCompleteCommand(job.getKey()).variables(Map.of("label", "spam")).send().join();
      }
      // A message for an instance that is not waiting yet: it must stay buffered across the crash.
      ActivatedJob hanging = jobs.get(9);
      String bufferedFor = (String) hanging.getVariablesAsMap().get("caseId");
      client.newPublishMessageCommand().messageName("durable-decided").correlationKey(bufferedFor)
          .timeToLive(Duration.ofMinutes(10)).variables(Map.of("verdict", "buffered")).send().join();
    }
    first.kill();

    StandaloneEngine second = StandaloneEngine.start(dataDirectory);
    try (CamundaClient client = EngineTestSupport.newClient(second.address())) {
      Set<Long> classified = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (classified.size() < INSTANCES - 5 && System.nanoTime() < deadline) {
        for (ActivatedJob job : client.newActivateJobsCommand().jobType("durable-classify").maxJobsToActivate(50)
            .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs()) {
          client.newCompleteCommand(job.getKey()).variables(Map.of("label", "spam")).send().join();
          classified.add(job.getProcessInstanceKey());
        }
      }
      assertThat(classified).hasSize(INSTANCES - 5);
      for (int i = 0; i < INSTANCES; i++) {
        String caseId = "case-" + i;
        client.newPublishMessageCommand().messageName("durable-decided").correlationKey(caseId)
            .variables(Map.of("verdict", "remove")).send().join();
      }
    }
    // Every instance now sits on its cool-down timer: crash again before any can fire.
    second.kill();

    StandaloneEngine third = StandaloneEngine.start(dataDirectory);
    try (CamundaClient client = EngineTestSupport.newClient(third.address())) {
      Set<Long> recorded = new HashSet<>();
      List<String> verdicts = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (recorded.size() < INSTANCES && System.nanoTime() < deadline) {
        for (ActivatedJob job : client.newActivateJobsCommand().jobType("durable-record").maxJobsToActivate(50)
            .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs()) {
          client.newCompleteCommand(job.getKey()).send().join();
          recorded.add(job.getProcessInstanceKey());
          verdicts.add((String) job.getVariablesAsMap().get("verdict"));
        }
      }
      assertThat(recorded).containsExactlyInAnyOrderElementsOf(instances);
      assertThat(verdicts).containsOnlyOnce("buffered");
    } finally {
      third.stop();
    }
  }

  @Test
  void inProcessEngineRestartsFromItsSnapshot(@TempDir Path dataDirectory) {
    long waiting;
    try (LocalEngine engine = LocalEngine.start(LocalEngineConfig.persistent(dataDirectory));
        CamundaClient client = EngineTestSupport.newClient(engine.grpcAddress())) {
      client.newDeployResourceCommand().addProcessModel(CASE, "durable-case.bpmn").send().join();
      waiting = client.newCreateInstanceCommand().bpmnProcessId("durable-case").latestVersion()
          .variables(Map.of("caseId", "snap")).send().join().getProcessInstanceKey();
    }
    assertThat(dataDirectory.resolve("snapshot.json")).exists();

    try (LocalEngine engine = LocalEngine.start(LocalEngineConfig.persistent(dataDirectory));
        CamundaClient client = EngineTestSupport.newClient(engine.grpcAddress())) {
      assertThat(engine.isActive(waiting)).isTrue();
      ActivatedJob job = client.newActivateJobsCommand().jobType("durable-classify").maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(1)).send().join().getJobs().get(0);
      assertThat(job.getProcessInstanceKey()).isEqualTo(waiting);
      assertThat(client.newDeployResourceCommand().addProcessModel(CASE, "durable-case.bpmn").send().join()
          .getProcesses().get(0).getVersion()).isEqualTo(1);
    }
  }

  /** The engine as its own JVM, started the way local-engine.sh starts it. */
  private record StandaloneEngine(Process process, URI address) {

    static StandaloneEngine start(Path dataDirectory) throws IOException, InterruptedException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path log = Files.createTempFile("local-engine", ".log");
      Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          LocalEngineMain.class.getName(), "--port", "0", "--data-dir", dataDirectory.toString())
          .redirectError(log.toFile())
          .start();
      CompletableFuture<URI> address = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            if (line.startsWith("LOCAL_ENGINE_GRPC_ADDRESS=")) {
              return URI.create(line.substring("LOCAL_ENGINE_GRPC_ADDRESS=".length()));
            }
          }
          return null;
        } catch (IOException e) {
          return null;
        }
      });
      try {
        URI uri = address.get(60, TimeUnit.SECONDS);
        if (uri == null) {
          throw new IllegalStateException("The engine process ended early:\n" + Files.readString(log));
        }
        return new StandaloneEngine(process, uri);
      } catch (Exception e) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("The engine process did not start:\n" + Files.readString(log), e);
      }
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
