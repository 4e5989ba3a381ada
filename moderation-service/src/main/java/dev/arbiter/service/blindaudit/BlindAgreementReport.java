package dev.arbiter.service.blindaudit;

import java.time.Instant;
import java.util.List;

/**
 * How often blind auditors agreed with automatic decisions over a period; agreementRate is null while
 * no sampled item has been decided.
 */
public record BlindAgreementReport(
    Instant from, Instant to, long sampled, long decided, long agreed, Double agreementRate,
    List<BlindAudits.CategoryAgreement> byCategory) {

  static BlindAgreementReport of(Instant from, Instant to, List<BlindAudits.CategoryAgreement> byCategory) {
    long sampled = byCategory.stream().mapToLong(BlindAudits.CategoryAgreement::sampled).sum();
    long decided = byCategory.stream().mapToLong(BlindAudits.CategoryAgreement::decided).sum();
    long agreed = byCategory.stream().mapToLong(BlindAudits.CategoryAgreement::agreed).sum();
    return new BlindAgreementReport(from, to, sampled, decided, agreed, decided == 0 ? null : (double) agreed / decided, byCategory);
  }
}
