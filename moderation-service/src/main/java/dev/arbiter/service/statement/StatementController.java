package dev.arbiter.service.statement;

import static dev.arbiter.service.security.Roles.AUDITOR;
import static dev.arbiter.service.security.Roles.POLICY_ADMIN;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;

import dev.arbiter.service.security.ArbiterUser;
import dev.arbiter.service.security.ResourceAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Statements of reasons for the DSA Transparency Database, and the appeals part of the transparency report. */
@RestController
@RequestMapping("/api/v1")
public class StatementController {

  public static final int MAX_BATCH = 100;

  private final StatementsOfReasons statements;
  private final TransparencyReports reports;
  private final ResourceAccess access;
  private final Clock clock;

  public StatementController(StatementsOfReasons statements, TransparencyReports reports, ResourceAccess access, Clock clock) {
    this.statements = statements;
    this.reports = reports;
    this.access = access;
    this.clock = clock;
  }

  /** One batch, as POST /api/v1/statements of the Transparency Database takes it; next is the following batch, or null. */
  public record Export(List<Map<String, Object>> statements, String next) {}

  @GetMapping("/statements/export")
  @RolesAllowed({AUDITOR, POLICY_ADMIN})
  @Operation(description = "Statements of reasons made in [from, to) (default: all until now) in the DSA Transparency Database API's "
      + "shape: {statements: [...]} of at most limit (1..100, default 100), oldest first, each with a stable puid, no personal data; "
      + "next is the URL of the following batch (after = the last decision id), or null.")
  public Export export(
      @AuthenticationPrincipal ArbiterUser user,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) UUID after) {
    if (limit < 1 || limit > MAX_BATCH) {
      throw problem("limit must be between 1 and " + MAX_BATCH);
    }
    Instant start = from == null ? Instant.EPOCH : from;
    Instant end = to == null ? clock.instant() : to;
    if (start.isAfter(end)) {
      throw problem("from must not be after to");
    }
    access.granted(user, "statements/export", "role");
    List<StatementsOfReasons.Statement> batch = statements.between(start, end, after, limit);
    String next =
        batch.size() < limit
            ? null
            : "/api/v1/statements/export?from=" + start + "&to=" + end + "&limit=" + limit + "&after=" + batch.get(batch.size() - 1).decisionId();
    return new Export(batch.stream().map(StatementsOfReasons.Statement::fields).toList(), next);
  }

  @GetMapping("/transparency/report")
  @RolesAllowed({AUDITOR, POLICY_EXPERT, POLICY_ADMIN})
  @Operation(description = "Appeals filed, decided, upheld, overturned and ineligible in [from, to) (default: the last 30 days), "
      + "the median hours from filing to decision and the overturn rate, overall and by category, from the audit index.")
  public TransparencyReports.Report report(
      @AuthenticationPrincipal ArbiterUser user,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
    Instant end = to == null ? clock.instant() : to;
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
    if (start.isAfter(end)) {
      throw problem("from must not be after to");
    }
    access.granted(user, "transparency/report", "role");
    try {
      return reports.appeals(start, end);
    } catch (IOException e) {
      throw new UncheckedIOException("Audit index unavailable: " + e.getMessage(), e);
    }
  }

  private static ErrorResponseException problem(String detail) {
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
  }
}
