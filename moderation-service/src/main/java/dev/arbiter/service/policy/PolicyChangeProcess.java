package dev.arbiter.service.policy;

import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.change.PolicyVersion;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The engine side of policy change: the policy-change process (BPMN), its review message, and the routing
 * decision deployed as DMN so the triage workflow's business rule task decides with the published version.
 */
@Component
public class PolicyChangeProcess {

  static final String PROCESS_ID = "policy-change";
  static final String PROCESS_RESOURCE = "policy-change.bpmn";
  static final String REVIEWED_MESSAGE = "policy-change-reviewed";
  static final String ROUTING_RESOURCE = "routing.dmn";
  /** Long enough to reach a review that arrives while the backtest task still runs; the review waits 14 days at most. */
  private static final Duration REVIEW_MESSAGE_TTL = Duration.ofDays(14);

  private final CamundaClient client;
  private final Duration timeout;
  private final AtomicBoolean processDeployed = new AtomicBoolean();

  public PolicyChangeProcess(CamundaClient client, PolicyProperties properties) {
    this.client = client;
    this.timeout = properties.engineTimeout();
  }

  /** Deploys the process once per service start; the engine keeps the version of an unchanged resource. */
  public void deployProcess() {
    if (processDeployed.get()) {
      return;
    }
    client.newDeployResourceCommand().addResourceFromClasspath(PROCESS_RESOURCE).requestTimeout(timeout).send().join();
    processDeployed.set(true);
  }

  /** Starts the review workflow of a draft; it carries the draft id and a small summary, never the content. */
  public long start(PolicyDraft draft) {
    deployProcess();
    return client.newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(Map.of("draftId", draft.id(), "author", draft.author(), "baseVersion", draft.baseVersion()))
        .requestTimeout(timeout)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /**
   * Tells the draft's workflow the review outcome. The message id is draft + reviewer, so repeating the same
   * review (a double click, a retry after a timeout) is dropped by the engine.
   */
  public void reviewed(String draftId, String reviewer, boolean approved) {
    try {
      client.newPublishMessageCommand()
          .messageName(REVIEWED_MESSAGE)
          .correlationKey(draftId)
          .messageId(draftId + ":" + reviewer)
          .timeToLive(REVIEW_MESSAGE_TTL)
          .variables(Map.of("approved", approved, "reviewer", reviewer))
          .requestTimeout(timeout)
          .send()
          .join();
    } catch (ClientStatusException rejected) {
      if (rejected.getStatusCode() != Status.Code.ALREADY_EXISTS) {
        throw rejected;
      }
    }
  }

  /** Deploys a version's routing table; the engine then evaluates decision "routing" with it. */
  public void deployRouting(PolicyVersion version) {
    client.newDeployResourceCommand()
        .addResourceStringUtf8(version.content().routingDmn(), ROUTING_RESOURCE)
        .requestTimeout(timeout)
        .send()
        .join();
  }
}
