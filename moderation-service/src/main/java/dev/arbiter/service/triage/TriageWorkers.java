package dev.arbiter.service.triage;

import dev.arbiter.policy.routing.RoutingSignals;
import dev.arbiter.service.blindaudit.ComparingBlindAudit;
import dev.arbiter.service.blindaudit.SamplingBlindAudit;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.queue.QueueItem;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

  private final ExtractingContent extracting;
  private final ClassifyingContent classifying;
  private final RoutingCase routing;
  private final EnqueuingReview enqueuing;
  private final CheckingReview checking;
  private final EscalatingReview escalating;
  private final SamplingBlindAudit sampling;
  private final ComparingBlindAudit comparing;
  private final ApplyingEnforcement enforcing;
  private final SendingNotice notifying;
  private final RecordingDecision recording;
  private final Decisions decisions;

  public TriageWorkers(
      ExtractingContent extracting,
      ClassifyingContent classifying,
      RoutingCase routing,
      EnqueuingReview enqueuing,
      CheckingReview checking,
      EscalatingReview escalating,
      SamplingBlindAudit sampling,
      ComparingBlindAudit comparing,
      ApplyingEnforcement enforcing,
      SendingNotice notifying,
      RecordingDecision recording,
      Decisions decisions) {
    this.extracting = extracting;
    this.classifying = classifying;
    this.routing = routing;
    this.enqueuing = enqueuing;
    this.checking = checking;
    this.escalating = escalating;
    this.sampling = sampling;
    this.comparing = comparing;
    this.enforcing = enforcing;
    this.notifying = notifying;
    this.recording = recording;
    this.decisions = decisions;
  }

  @JobWorker(type = "content.extract", fetchVariables = {"caseId"})
  public Map<String, Object> contentExtract(@Variable String caseId) {
    return Map.of("extraction", extracting.extract(UUID.fromString(caseId)).toVariable());
  }

  @JobWorker(type = "content.classify", fetchVariables = {"caseId", "extraction"})
  public Map<String, Object> contentClassify(@Variable String caseId, @Variable Map<String, Object> extraction) {
    RoutingSignals signals = classifying.classify(UUID.fromString(caseId), (String) extraction.get("language"));
    return Map.of("signals", signals.toVariables());
  }

  @JobWorker(type = "policy.route", fetchVariables = {"caseId", "signals", "extraction"})
  public Map<String, Object> policyRoute(
      ActivatedJob job, @Variable String caseId, @Variable Map<String, Object> signals, @Variable Map<String, Object> extraction) {
    boolean extractionFailed = Boolean.TRUE.equals(extraction.get("failed"));
    RoutingCase.Routed routed =
        routing.route(UUID.fromString(caseId), SignalVariables.toSignals(signals), extractionFailed, job.getKey());
    Map<String, Object> variables = new HashMap<>();
    variables.put("routing", routed.routing().toVariable());
    routed.automaticDecision().ifPresent(decision -> variables.put("decision", decision.toVariable()));
    return variables;
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
  public void reviewEscalate(ActivatedJob job, @Variable String caseId) {
    try {
      escalating.remind(UUID.fromString(caseId), job.getKey());
    } catch (RuntimeException e) {
      throw RetryLater.of(job, e);
    }
  }

  @JobWorker(type = "review.breach", fetchVariables = {"caseId"})
  public void reviewBreach(ActivatedJob job, @Variable String caseId) {
    try {
      escalating.moveToSenior(UUID.fromString(caseId), job.getKey());
    } catch (RuntimeException e) {
      throw RetryLater.of(job, e);
    }
  }

  /** Sets blindAuditItem: the blind-audit item's id when the case was sampled, else null. */
  @JobWorker(type = "audit.sample", fetchVariables = {"caseId", "routing", "signals", "decision"})
  public Map<String, Object> auditSample(
      ActivatedJob job,
      @Variable String caseId,
      @Variable Map<String, Object> routing,
      @Variable(optional = true) Map<String, Object> signals,
      @Variable Map<String, Object> decision) {
    String language = signals == null ? null : (String) signals.get("language");
    Routing routed = Routing.fromVariable(routing);
    Optional<QueueItem> sampled =
        sampling.sample(UUID.fromString(caseId), decisionId(decision), language, routed.queue(), routed.blindAudit(), job.getKey());
    Map<String, Object> variables = new HashMap<>();
    variables.put("blindAuditItem", sampled.map(item -> item.id().toString()).orElse(null));
    return variables;
  }

  /** The blind auditor's decision (the message's "decision") into the audit, linked to the automatic one. */
  @JobWorker(type = "audit.compare", fetchVariables = {"decision", "blindAuditItem"})
  public void auditCompare(ActivatedJob job, @Variable Map<String, Object> decision, @Variable String blindAuditItem) {
    try {
      recording.write(comparing.auditRecord(recording.auditRecordOf(decisionId(decision)), UUID.fromString(blindAuditItem)));
    } catch (RuntimeException e) {
      throw RetryLater.of(job, e);
    }
  }

  @JobWorker(type = "enforcement.apply", fetchVariables = {"decision"})
  public void enforcementApply(ActivatedJob job, @Variable Map<String, Object> decision) {
    try {
      enforcing.apply(stored(decision));
    } catch (RuntimeException e) {
      throw RetryLater.of(job, e);
    }
  }

  @JobWorker(type = "notice.send", fetchVariables = {"decision"})
  public Map<String, Object> noticeSend(@Variable Map<String, Object> decision) {
    return Map.of("noticeId", notifying.send(stored(decision)).toString());
  }

  @JobWorker(type = "decision.record", fetchVariables = {"decision"})
  public void decisionRecord(ActivatedJob job, @Variable Map<String, Object> decision) {
    try {
      recording.record(decisionId(decision));
    } catch (RuntimeException e) {
      throw RetryLater.of(job, e);
    }
  }

  private Decision stored(Map<String, Object> decision) {
    UUID id = decisionId(decision);
    return decisions.find(id).orElseThrow(() -> new IllegalStateException("No decision " + id + " in the case store"));
  }

  private static UUID decisionId(Map<String, Object> decision) {
    return UUID.fromString((String) new HashMap<>(decision).get("id"));
  }
}
