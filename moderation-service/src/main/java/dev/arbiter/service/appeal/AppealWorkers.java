package dev.arbiter.service.appeal;

import dev.arbiter.service.triage.RetryLater;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The job workers of appeal.bpmn: one method per job type, named after it, each calling the feature's
 * logic. A failure fails the job with its message and a back-off; Camunda retries it and raises an
 * incident carrying the message when the retries run out.
 */
@Component
@EnableConfigurationProperties(AppealProperties.class)
public class AppealWorkers {

  /** The element of appeal.bpmn that escalates because an expert asked for it (the other is the SLA timer's). */
  static final String ESCALATE_REQUESTED = "escalate-requested";

  private final RecordingAppeal recording;
  private final CheckingEligibility eligibility;
  private final Appeals appeals;
  private final EnqueuingAppeal enqueuing;
  private final ReversingEnforcement reversing;
  private final RecordingFeedback feedback;
  private final AnsweringAppellant answering;

  public AppealWorkers(
      RecordingAppeal recording,
      CheckingEligibility eligibility,
      Appeals appeals,
      EnqueuingAppeal enqueuing,
      ReversingEnforcement reversing,
      RecordingFeedback feedback,
      AnsweringAppellant answering) {
    this.recording = recording;
    this.eligibility = eligibility;
    this.appeals = appeals;
    this.enqueuing = enqueuing;
    this.reversing = reversing;
    this.feedback = feedback;
    this.answering = answering;
  }

  @JobWorker(type = "appeal.recordFiling", fetchVariables = {"appealId"})
  public void appealRecordFiling(ActivatedJob job, @Variable String appealId) {
    run(job, () -> recording.recordFiling(UUID.fromString(appealId)));
  }

  /** Filing already checked; this is the process's own check, against the filing time, and it is what counts. */
  @JobWorker(type = "appeal.checkEligibility", fetchVariables = {"appealId"})
  public Map<String, Object> appealCheckEligibility(@Variable String appealId) {
    UUID id = UUID.fromString(appealId);
    Appeal appeal = appeals.find(id).orElseThrow(() -> new IllegalStateException("No appeal " + appealId + " in the case store"));
    if (appeal.status() == Appeal.Status.INELIGIBLE) {
      return Map.of("eligibility", new CheckingEligibility.Eligibility(false, appeal.ineligibleReason()).toVariable());
    }
    CheckingEligibility.Eligibility checked = eligibility.check(appeal);
    if (!checked.eligible()) {
      appeals.setIneligible(id, checked.reason());
    }
    return Map.of("eligibility", checked.toVariable());
  }

  @JobWorker(type = "appeal.enqueue", fetchVariables = {"appealId"})
  public Map<String, Object> appealEnqueue(ActivatedJob job, @Variable String appealId) {
    return Map.of("appealItemId", enqueuing.enqueue(UUID.fromString(appealId), job.getKey()).id().toString());
  }

  @JobWorker(type = "appeal.slaReminder", fetchVariables = {"appealId"})
  public void appealSlaReminder(ActivatedJob job, @Variable String appealId) {
    run(job, () -> enqueuing.remind(UUID.fromString(appealId), job.getKey()));
  }

  @JobWorker(type = "appeal.escalate", fetchVariables = {"appealId", "appealDecision"})
  public void appealEscalate(ActivatedJob job, @Variable String appealId, @Variable(optional = true) Map<String, Object> appealDecision) {
    boolean requested = ESCALATE_REQUESTED.equals(job.getElementId()) && appealDecision != null;
    String requestedBy = requested ? (String) appealDecision.get("by") : null;
    String explanation = requested ? (String) appealDecision.get("explanation") : null;
    run(job, () -> enqueuing.escalate(UUID.fromString(appealId), job.getKey(), requestedBy, explanation));
  }

  @JobWorker(type = "appeal.reverseEnforcement", fetchVariables = {"appealId"})
  public void appealReverseEnforcement(ActivatedJob job, @Variable String appealId) {
    run(job, () -> reversing.reverse(UUID.fromString(appealId)));
  }

  @JobWorker(type = "appeal.recordFeedback", fetchVariables = {"appealId"})
  public Map<String, Object> appealRecordFeedback(@Variable String appealId) {
    return Map.of("hashesFlagged", feedback.learn(UUID.fromString(appealId)));
  }

  @JobWorker(type = "appeal.notify", fetchVariables = {"appealId"})
  public void appealNotify(ActivatedJob job, @Variable String appealId) {
    answering.answer(UUID.fromString(appealId), job.getKey());
  }

  @JobWorker(type = "appeal.record", fetchVariables = {"appealId"})
  public void appealRecord(ActivatedJob job, @Variable String appealId) {
    run(job, () -> recording.recordOutcome(UUID.fromString(appealId)));
  }

  /** Runs a step that depends on something outside (Elasticsearch, the platform): a failure is retried with back-off. */
  private static void run(ActivatedJob job, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      throw RetryLater.of(job, e);
    }
  }
}
