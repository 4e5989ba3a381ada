package dev.arbiter.service.policy;

import static dev.arbiter.service.security.Roles.AUDITOR;
import static dev.arbiter.service.security.Roles.POLICY_ADMIN;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;

import dev.arbiter.policy.PolicyLibrary;
import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.change.PolicyEvent;
import dev.arbiter.policy.change.PolicyVersion;
import dev.arbiter.policy.diff.PolicyDiff;
import dev.arbiter.service.security.ArbiterUser;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The policy API: versions and diffs for policy experts and auditors, drafts reviewed by a second policy
 * expert, shadow mode, and rollback for policy admins. The caller is the author or reviewer; four-eyes is the
 * policy library's rule.
 */
@RestController
@RequestMapping("/api/v1/policy")
public class PolicyController {

  private final PolicyLibrary library;
  private final PolicyChanges changes;

  public PolicyController(PolicyLibrary library, PolicyChanges changes) {
    this.library = library;
    this.changes = changes;
  }

  /** A version without its content, for lists. */
  public record VersionSummary(int number, String label, String contentHash, String author, String approver, String publishedBy,
                               Instant publishedAt, String rationale, String draftId, Integer restoredFrom, boolean live) {

    static VersionSummary of(PolicyVersion version, int liveNumber) {
      return new VersionSummary(version.number(), version.ref().label(), version.contentHash(), version.author(), version.approver(),
          version.publishedBy(), version.publishedAt(), version.rationale(), version.draftId(), version.restoredFrom(),
          version.number() == liveNumber);
    }
  }

  /** A draft without its content, for lists. */
  public record DraftSummary(String id, String author, String rationale, String contentHash, int baseVersion, Instant createdAt,
                             String status, Integer backtestCases, Integer backtestChanged, String reviewer, Integer publishedVersion) {

    static DraftSummary of(PolicyDraft draft) {
      return new DraftSummary(draft.id(), draft.author(), draft.rationale(), draft.contentHash(), draft.baseVersion(), draft.createdAt(),
          draft.status().name(), draft.backtest() == null ? null : draft.backtest().cases(),
          draft.backtest() == null ? null : draft.backtest().changed(), draft.reviewer(), draft.publishedVersion());
    }
  }

  public record VersionList(int live, List<VersionSummary> versions, List<PolicyEvent> changeLog) {}

  /**
   * @param routingDmn the routing decision table (DMN XML)
   * @param taxonomyJson the taxonomy; the live one when absent
   */
  public record NewDraft(String rationale, String routingDmn, String taxonomyJson) {}

  public record Review(String comment) {}

  public record Rejection(String reason) {}

  public record ShadowSwitch(Boolean running) {}

  public record ShadowState(String draftId, boolean running) {}

  public record Rollback(Integer toVersion, String rationale) {}

  @GetMapping("/versions")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN, AUDITOR})
  public VersionList versions() {
    List<PolicyVersion> versions = library.versions();
    int live = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).number();
    return new VersionList(live, versions.stream().map(v -> VersionSummary.of(v, live)).toList(), library.changeLog());
  }

  @GetMapping("/versions/{n}")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN, AUDITOR})
  public PolicyVersion version(@PathVariable("n") int number) {
    return changes.version(number);
  }

  /** Rules added, changed, removed and moved, thresholds and taxonomy entries changed, from one version to another. */
  @GetMapping("/diff")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN, AUDITOR})
  public PolicyDiff diff(@RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to) {
    required(from, "query parameter 'from' (a version number)");
    required(to, "query parameter 'to' (a version number)");
    changes.version(from);
    changes.version(to);
    return library.diff(from, to);
  }

  @PostMapping("/drafts")
  @ResponseStatus(HttpStatus.CREATED)
  @RolesAllowed(POLICY_EXPERT)
  public PolicyChanges.DraftReview createDraft(@AuthenticationPrincipal ArbiterUser caller,
                                               @RequestBody(required = false) NewDraft draft) {
    required(draft, "a JSON body {rationale, routingDmn, taxonomyJson}");
    required(draft.rationale(), "rationale");
    required(draft.routingDmn(), "routingDmn (the routing DMN XML)");
    PolicyDraft created = changes.draft(caller.username(), draft.rationale(), draft.routingDmn(), draft.taxonomyJson());
    return changes.review(created.id());
  }

  @GetMapping("/drafts")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN, AUDITOR})
  public List<DraftSummary> drafts() {
    return library.drafts().stream().map(DraftSummary::of).toList();
  }

  /** The draft with its content, its diff against the live version, its backtest and shadow results. */
  @GetMapping("/drafts/{id}")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN, AUDITOR})
  public PolicyChanges.DraftReview draft(@PathVariable String id) {
    return changes.review(id);
  }

  @PostMapping("/drafts/{id}/approve")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN})
  public DraftSummary approve(@AuthenticationPrincipal ArbiterUser caller, @PathVariable String id,
                              @RequestBody(required = false) Review review) {
    return DraftSummary.of(changes.approve(id, caller.username(), review == null ? null : review.comment()));
  }

  @PostMapping("/drafts/{id}/reject")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN})
  public DraftSummary reject(@AuthenticationPrincipal ArbiterUser caller, @PathVariable String id,
                             @RequestBody(required = false) Rejection rejection) {
    required(rejection, "a JSON body {reason}");
    required(rejection.reason(), "reason");
    return DraftSummary.of(changes.reject(id, caller.username(), rejection.reason()));
  }

  /** Starts ({@code {"running": true}}) or stops running the draft beside the live policy on new cases. */
  @PostMapping("/drafts/{id}/shadow")
  @RolesAllowed({POLICY_EXPERT, POLICY_ADMIN})
  public ShadowState shadow(@AuthenticationPrincipal ArbiterUser caller, @PathVariable String id,
                            @RequestBody(required = false) ShadowSwitch shadow) {
    required(shadow, "a JSON body {running}");
    required(shadow.running(), "running (true to start, false to stop)");
    return new ShadowState(id, changes.shadow(id, caller.username(), shadow.running()));
  }

  /** One action: the content of an earlier version is published again as the next version. */
  @PostMapping("/rollback")
  @ResponseStatus(HttpStatus.CREATED)
  @RolesAllowed(POLICY_ADMIN)
  public VersionSummary rollback(@AuthenticationPrincipal ArbiterUser caller, @RequestBody(required = false) Rollback rollback) {
    required(rollback, "a JSON body {toVersion, rationale}");
    required(rollback.toVersion(), "toVersion");
    required(rollback.rationale(), "rationale");
    PolicyVersion version = changes.rollback(rollback.toVersion(), caller.username(), rollback.rationale());
    return VersionSummary.of(version, version.number());
  }

  // Bodies are checked here, after the role check, so a caller without the role gets 403 whatever it sends.
  private static void required(Object value, String what) {
    if (value == null || value instanceof String text && text.isBlank()) {
      throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, what + " is required"), null);
    }
  }
}
