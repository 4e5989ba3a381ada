package dev.arbiter.service.workflow;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deploys the triage and appeal processes (from the workflows module) to the engine, and keeps trying until the
 * engine accepts it, so the service can start before the engine does. Redeploying an unchanged file
 * creates no new version. (policy-change.bpmn is deployed by the policy feature, which owns it.)
 */
@Component
public class WorkflowDeployment {

  static final String TRIAGE = "triage.bpmn";
  static final String APPEAL = "appeal.bpmn";
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
      var deployment =
          camunda.newDeployResourceCommand()
              .addResourceFromClasspath(TRIAGE)
              .addResourceFromClasspath(APPEAL)
              .requestTimeout(Duration.ofSeconds(10)).send().join();
      deployed.set(true);
      log.info("Deployed {} and {} as {}", TRIAGE, APPEAL, deployment.getProcesses());
    } catch (RuntimeException e) {
      log.warn("{} and {} not deployed yet, will retry: {}", TRIAGE, APPEAL, e.getMessage());
    }
  }
}
