package dev.arbiter.service.audit;

import java.time.Instant;

/** Filters of an audit search; null means "any". Text searches notes and statements of reasons. */
public record AuditQuery(
    String text,
    String caseId,
    String category,
    String action,
    AuditRecord.ActorType actorType,
    String policyVersion,
    Instant from,
    Instant to,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;

  public AuditQuery {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to");
    }
  }
}
