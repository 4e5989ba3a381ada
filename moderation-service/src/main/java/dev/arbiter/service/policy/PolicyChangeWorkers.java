package dev.arbiter.service.policy;

import dev.arbiter.policy.backtest.BacktestReport;
import dev.arbiter.policy.change.PolicyChangeException;
import dev.arbiter.policy.change.PolicyVersion;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The job workers of policy-change.bpmn, one per job type; each hands its step to {@link PolicyChanges}. */
@Component
public class PolicyChangeWorkers {

  /** The actor the change log names for steps the workflow runs. */
  static final String WORKFLOW = "policy-change workflow";

  private final PolicyChanges changes;

  public PolicyChangeWorkers(PolicyChanges changes) {
    this.changes = changes;
  }

  @JobWorker(type = "policy.backtest", fetchVariables = "draftId")
  public Map<String, Object> backtest(@Variable(name = "draftId") String draftId) {
    BacktestReport report = changes.backtest(draftId, WORKFLOW);
    return Map.of("backtestCases", report.cases(), "backtestChanged", report.changed());
  }

  @JobWorker(type = "policy.publish", fetchVariables = "draftId")
  public Map<String, Object> publish(@Variable(name = "draftId") String draftId) {
    try {
      PolicyVersion version = changes.publish(draftId);
      return Map.of("policyVersion", version.number());
    } catch (PolicyChangeException refused) {
      // Retrying cannot help (e.g. another version went live since the draft): raise an incident at once.
      throw CamundaError.jobError(refused.getMessage(), Map.of(), 0);
    }
  }

  @JobWorker(type = "policy.record", fetchVariables = "draftId")
  public Map<String, Object> record(@Variable(name = "draftId") String draftId) {
    return Map.of("outcome", changes.record(draftId).outcome());
  }

  @JobWorker(type = "policy.expire", fetchVariables = "draftId")
  public Map<String, Object> expire(@Variable(name = "draftId") String draftId) {
    return Map.of("outcome", changes.expire(draftId).outcome());
  }
}
