package dev.arbiter.service.policy;

import dev.arbiter.policy.change.PolicyVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On start: version 1 from the shipped policy when the store has none; then the policy-change process, the live
 * routing table and the workflows of drafts made while the engine was away go to the engine. An unreachable
 * engine does not stop the service: the process is deployed again before the next draft starts its workflow.
 */
@Component
class PolicyStartup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(PolicyStartup.class);

  private final PolicyChanges changes;
  private final PolicyChangeProcess process;

  PolicyStartup(PolicyChanges changes, PolicyChangeProcess process) {
    this.changes = changes;
    this.process = process;
  }

  @Override
  public void run(ApplicationArguments args) {
    PolicyVersion live = changes.initialise();
    log.info("routing policy v{} is live ({})", live.number(), live.contentHash());
    try {
      process.deployProcess();
      process.deployRouting(live);
      changes.startPendingWorkflows();
    } catch (RuntimeException engineUnavailable) {
      log.warn("policy workflow and routing v{} not deployed to the workflow engine yet: {}", live.number(), engineUnavailable.getMessage());
    }
  }
}
