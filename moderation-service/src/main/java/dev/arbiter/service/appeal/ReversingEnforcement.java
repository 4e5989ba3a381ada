package dev.arbiter.service.appeal;

import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.triage.ApplyingEnforcement;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An overturned decision is undone: the platform gets a signed "restore" webhook (the same mechanism and
 * retries as enforcement, the ruling's id as idempotency key, naming the decision it reverses), the case
 * is marked restored, and the reversal is an audit record of its own.
 */
@Service
public class ReversingEnforcement {

  public static final String RESTORE = "restore";

  private final Appeals appeals;
  private final Decisions decisions;
  private final ApplyingEnforcement enforcement;
  private final RecordingAppeal recording;
  private final JdbcClient jdbc;

  public ReversingEnforcement(
      Appeals appeals, Decisions decisions, ApplyingEnforcement enforcement, RecordingAppeal recording, JdbcClient jdbc) {
    this.appeals = appeals;
    this.decisions = decisions;
    this.enforcement = enforcement;
    this.recording = recording;
    this.jdbc = jdbc;
  }

  /** Throws when the platform does not acknowledge; the job then fails and is retried. */
  public void reverse(UUID appealId) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    if (appeal.status() != Appeal.Status.OVERTURNED) {
      throw new IllegalStateException("Appeal " + appealId + " is " + appeal.status().value() + ", not overturned");
    }
    Decision ruling = decisions.find(appeal.outcomeDecisionId()).orElseThrow();
    enforcement.apply(ruling, RESTORE, appeal.decisionId());
    jdbc.sql("update cases set status = 'restored', updated_at = now() where id = :id").param("id", appeal.caseId()).update();
    recording.recordReversal(appeal, ruling);
  }
}
