package dev.arbiter.service.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What enqueuing needs; priority 1 is the most urgent. */
public record NewQueueItem(
    UUID caseId,
    String queue,
    QueueItem.Kind kind,
    String language,
    int priority,
    Instant dueAt,
    List<String> excludedReviewers,
    boolean blind) {

  public NewQueueItem {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(kind, "kind");
    excludedReviewers = List.copyOf(excludedReviewers);
    if (priority < 1) {
      throw new IllegalArgumentException("priority must be 1 or more, was " + priority);
    }
  }
}
