package dev.arbiter.service.triage;

import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The job workers of triage.bpmn: one method per job type, named after it, each calling the feature's
 * logic. A thrown exception fails the job; Camunda retries it with back-off and raises an incident
 * carrying the message when the retries run out.
 */
@Component
@EnableConfigurationProperties(PlatformSettings.class)
public class TriageWorkers {

  private final EnqueuingReview enqueuing;
  private final CheckingReview checking;
  private final EscalatingReview escalating;
  private final SamplingBlindAudit sampling;
  private final ApplyingEnforcement enforcing;
  private final SendingNotice notifying;
  private final RecordingDecision recording;
  private final Decisions decisions;

  public TriageWorkers(
      EnqueuingReview enqueuing,
      CheckingReview checking,
      EscalatingReview escalating,
      SamplingBlindAudit sampling,
      ApplyingEnforcement enforcing,
      SendingNotice notifying,
      RecordingDecision recording,
      Decisions decisions) {
    this.enqueuing = enqueuing;
    this.checking = checking;
    this.escalating = escalating;
    this.sampling = sampling;
    this.enforcing = enforcing;
    this.notifying = notifying;
    this.recording = recording;
    this.decisions = decisions;
  }

  @JobWorker(type = "review.enqueue", fetchVariables = {"caseId", "routing", "signals", "reviewOutcome"})
  public Map<String, Object> reviewEnqueue(
      ActivatedJob job,
      @Variable String caseId,
      @Variable Map<String, Object> routing,
      @Variable(optional = true) Map<String, Object> signals,
      @Variable(optional = true) String reviewOutcome) {
    String language = signals == null ? null : (String) signals.get("language");
    var item = enqueuing.enqueue(UUID.fromString(caseId), language, Routing.fromVariable(routing), reviewOutcome, job.getKey());
    return Map.of("reviewItemId", item.id().toString());
  }

  @JobWorker(type = "review.check", fetchVariables = {"caseId", "routing"})
  public Map<String, Object> reviewCheck(@Variable String caseId, @Variable Map<String, Object> routing) {
    ReviewOutcome outcome = checking.check(UUID.fromString(caseId), Routing.fromVariable(routing).fourEyes());
    return Map.of("reviewOutcome", outcome.value());
  }

  @JobWorker(type = "review.escalate", fetchVariables = {"caseId"})
  public void reviewEscalate(@Variable String caseId) {
    escalating.remind(UUID.fromString(caseId));
  }

  @JobWorker(type = "review.breach", fetchVariables = {"caseId"})
  public void reviewBreach(@Variable String caseId) {
    escalating.moveToSenior(UUID.fromString(caseId));
  }

  @JobWorker(type = "audit.sample", fetchVariables = {"caseId", "routing", "signals", "decision"})
  public void auditSample(
      ActivatedJob job,
      @Variable String caseId,
      @Variable Map<String, Object> routing,
      @Variable(optional = true) Map<String, Object> signals,
      @Variable Map<String, Object> decision) {
    String language = signals == null ? null : (String) signals.get("language");
    sampling.sample(
        UUID.fromString(caseId), decisionId(decision), language, Routing.fromVariable(routing).blindAuditRate(), job.getKey());
  }

  @JobWorker(type = "enforcement.apply", fetchVariables = {"decision"})
  public void enforcementApply(@Variable Map<String, Object> decision) {
    enforcing.apply(stored(decision));
  }

  @JobWorker(type = "notice.send", fetchVariables = {"decision"})
  public Map<String, Object> noticeSend(@Variable Map<String, Object> decision) {
    return Map.of("noticeId", notifying.send(stored(decision)).toString());
  }

  @JobWorker(type = "decision.record", fetchVariables = {"decision"})
  public void decisionRecord(@Variable Map<String, Object> decision) {
    recording.record(decisionId(decision));
  }

  private Decision stored(Map<String, Object> decision) {
    UUID id = decisionId(decision);
    return decisions.find(id).orElseThrow(() -> new IllegalStateException("No decision " + id + " in the case store"));
  }

  private static UUID decisionId(Map<String, Object> decision) {
    return UUID.fromString((String) new HashMap<>(decision).get("id"));
  }
}
