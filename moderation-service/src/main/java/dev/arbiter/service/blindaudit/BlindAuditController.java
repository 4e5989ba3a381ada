package dev.arbiter.service.blindaudit;

import static dev.arbiter.service.security.Roles.AUDITOR;
import static dev.arbiter.service.security.Roles.POLICY_ADMIN;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reviewer agreement with automation, measured by blind audits. */
@RestController
public class BlindAuditController {

  private final BlindAudits blindAudits;
  private final Clock clock;

  public BlindAuditController(BlindAudits blindAudits, Clock clock) {
    this.blindAudits = blindAudits;
    this.clock = clock;
  }

  /** Items sampled in [from, to) (default: the last 30 days), how many were decided and agreed, per category. */
  @GetMapping("/api/v1/audit/blind-agreement")
  @RolesAllowed({AUDITOR, POLICY_EXPERT, POLICY_ADMIN})
  public BlindAgreementReport agreement(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
    Instant end = to == null ? clock.instant() : to;
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
    if (!start.isBefore(end)) {
      throw new ErrorResponseException(
          HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "from must be before to"), null);
    }
    return BlindAgreementReport.of(start, end, blindAudits.agreement(start, end));
  }
}
