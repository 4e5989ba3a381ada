package dev.arbiter.service.workflow;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deploys Arbiter's processes (from the workflows module) to the engine, and keeps trying until the
 * engine accepts them, so the service can start before the engine does. Redeploying unchanged files
 * creates no new version.
 */
@Component
public class WorkflowDeployment {

  static final List<String> PROCESSES = List.of("triage.bpmn", "policy-change.bpmn");
  private static final Logger log = LoggerFactory.getLogger(WorkflowDeployment.class);

  private final CamundaClient camunda;
  private final AtomicBoolean deployed = new AtomicBoolean();

  public WorkflowDeployment(CamundaClient camunda) {
    this.camunda = camunda;
  }

  public boolean isDeployed() {
    return deployed.get();
  }

  @Scheduled(initialDelay = 0, fixedDelayString = "${arbiter.workflow.deploy-retry-interval:PT5S}")
  public void deployUntilAccepted() {
    if (deployed.get()) {
      return;
    }
    try {
      var command = camunda.newDeployResourceCommand().addResourceFromClasspath(PROCESSES.get(0));
      for (String process : PROCESSES.subList(1, PROCESSES.size())) {
        command = command.addResourceFromClasspath(process);
      }
      var deployment = command.requestTimeout(Duration.ofSeconds(10)).send().join();
      deployed.set(true);
      log.info("Deployed {} as {}", PROCESSES, deployment.getProcesses());
    } catch (RuntimeException e) {
      log.warn("Processes not deployed yet, will retry: {}", e.getMessage());
    }
  }
}
