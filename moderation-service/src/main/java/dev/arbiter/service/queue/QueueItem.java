package dev.arbiter.service.queue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One piece of human work in a named queue: a review, a second opinion, a blind audit or an appeal. */
public record QueueItem(
    UUID id,
    UUID caseId,
    String queue,
    Kind kind,
    String language,
    int priority,
    Instant dueAt,
    State state,
    String leasedBy,
    Instant leaseExpiresAt,
    List<String> excludedReviewers,
    boolean blind,
    Instant createdAt) {

  public enum Kind {
    REVIEW,
    SECOND_OPINION,
    SENIOR_REVIEW,
    BLIND_AUDIT,
    APPEAL
  }

  public enum State {
    OPEN,
    LEASED,
    DECIDED,
    CANCELLED
  }

  public QueueItem {
    excludedReviewers = List.copyOf(excludedReviewers);
  }
}
