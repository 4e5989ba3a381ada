package dev.arbiter.service.audit;

import java.util.List;
import java.util.Map;

/** A page of matching records, the total, and counts by category, action and actor type over all matches. */
public record AuditSearchResult(
    long total,
    List<AuditRecord> records,
    Map<String, Long> byCategory,
    Map<String, Long> byAction,
    Map<String, Long> byActorType) {}
