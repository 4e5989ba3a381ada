package dev.arbiter.service.appeal;

import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.queue.NewQueueItem;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Puts an eligible appeal in front of the policy experts, and moves it to senior policy when it is
 * overdue or an expert escalates it. Whoever took a human decision on the case, and the content's
 * author, are excluded from the item, so they cannot claim it (DSA Art. 20(6): not the same person).
 */
@Service
public class EnqueuingAppeal {

  static final int PRIORITY = 2;

  private final Appeals appeals;
  private final Decisions decisions;
  private final Cases cases;
  private final ReviewQueues queues;
  private final JdbcClient jdbc;
  private final RecordingAppeal recording;
  private final AppealProperties properties;
  private final Clock clock;

  public EnqueuingAppeal(
      Appeals appeals,
      Decisions decisions,
      Cases cases,
      ReviewQueues queues,
      JdbcClient jdbc,
      RecordingAppeal recording,
      AppealProperties properties,
      Clock clock) {
    this.appeals = appeals;
    this.decisions = decisions;
    this.cases = cases;
    this.queues = queues;
    this.jdbc = jdbc;
    this.recording = recording;
    this.properties = properties;
    this.clock = clock;
  }

  /** Enqueues once per job (a retried job finds its item) and marks the appeal in review. */
  public QueueItem enqueue(UUID appealId, long jobKey) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    Cases.StoredCase stored = cases.find(appeal.caseId()).orElseThrow();
    Set<String> excluded = new LinkedHashSet<>();
    decisions.ofCase(appeal.caseId()).stream()
        .filter(d -> d.actorType() == Decision.ActorType.HUMAN)
        .map(Decision::actorId)
        .forEach(excluded::add);
    excluded.add(stored.authorId());
    excluded.add(appeal.appellantId());
    String language =
        jdbc.sql("select language from signals where case_id = :id")
            .param("id", appeal.caseId())
            .query(String.class)
            .optional()
            .filter(l -> l != null && l.matches("[a-z]{2}"))
            .orElse(null);
    QueueItem item =
        queues.enqueueOnce(
            new NewQueueItem(appeal.caseId(), properties.queue(), QueueItem.Kind.APPEAL, language, PRIORITY,
                clock.instant().plus(properties.sla().escalation()), List.copyOf(excluded), false),
            jobKey);
    appeals.setQueueItem(appealId, item.id());
    appeals.addEvent(appealId, clock.instant(), "in-review", "waiting for a policy expert", null, null, jobKey);
    return item;
  }

  /** At the SLA: more urgent, same queue. */
  public void remind(UUID appealId, long jobKey) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    if (appeal.queueItemId() != null) {
      queues.raisePriority(appeal.queueItemId());
    }
    recording.recordEscalation(appealId, jobKey, "appeal-sla-reminder", RecordingAppeal.PROCESS_ACTOR, "SLA due: priority raised");
  }

  /**
   * At the SLA breach, or after an expert's escalate: to senior policy, most urgent. An item an expert
   * already moved stays where it is, so a senior who claimed it in the meantime keeps it.
   */
  public void escalate(UUID appealId, long jobKey, String escalatedBy, String explanation) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    boolean byExpert = escalatedBy != null;
    if (appeal.queueItemId() != null && !byExpert) {
      queues.find(appeal.queueItemId())
          .filter(item -> !item.queue().equals(properties.seniorQueue()))
          .ifPresent(item -> queues.move(item.id(), properties.seniorQueue(), 1));
    }
    appeals.setStatus(appealId, Appeal.Status.ESCALATED);
    if (!byExpert) {
      appeals.addEvent(appealId, clock.instant(), "escalated", "not decided in time: moved to senior policy", null, null, jobKey);
    }
    recording.recordEscalation(appealId, jobKey, "appeal-escalated", byExpert ? escalatedBy : RecordingAppeal.PROCESS_ACTOR,
        byExpert ? "escalated by a policy expert: " + explanation : "SLA breached: moved to " + properties.seniorQueue());
  }
}
