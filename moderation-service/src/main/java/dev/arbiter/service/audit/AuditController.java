package dev.arbiter.service.audit;

import static dev.arbiter.service.security.Roles.AUDITOR;

import dev.arbiter.service.security.AccessDecision;
import dev.arbiter.service.security.AccessLog;
import dev.arbiter.service.security.ArbiterUser;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search over every decision, for auditors. Each search is itself written to the access log. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

  private final AuditIndex audit;
  private final AccessLog accessLog;

  public AuditController(AuditIndex audit, AccessLog accessLog) {
    this.audit = audit;
    this.accessLog = accessLog;
  }

  @GetMapping("/search")
  @RolesAllowed(AUDITOR)
  public AuditSearchResult search(
      @AuthenticationPrincipal ArbiterUser user,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String caseId,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) AuditRecord.ActorType actorType,
      @RequestParam(required = false) String policyVersion,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    AuditQuery query;
    try {
      query = new AuditQuery(q, caseId, category, action, actorType, policyVersion, from, to, page, size);
    } catch (IllegalArgumentException e) {
      throw problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    accessLog.record(AccessDecision.of(user, "audit/search", true, "auditor search " + query));
    try {
      return audit.search(query);
    } catch (IOException e) {
      throw problem(HttpStatus.SERVICE_UNAVAILABLE, "The audit index is unavailable: " + e.getMessage());
    }
  }

  private static ErrorResponseException problem(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }
}
