package dev.arbiter.service.appeal;

import static dev.arbiter.service.security.Roles.APPELLANT;
import static dev.arbiter.service.security.Roles.AUDITOR;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;
import static dev.arbiter.service.security.Roles.SENIOR_MODERATOR;

import dev.arbiter.service.content.ContentController;
import dev.arbiter.service.content.ContentFile;
import dev.arbiter.service.security.AccessRule;
import dev.arbiter.service.security.ArbiterUser;
import dev.arbiter.service.security.ResourceAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Appeals over HTTP: users read the statements of reasons about their content and appeal them; policy
 * experts read an appeal with its original case and decide it. An appellant sees only their own.
 */
@RestController
@RequestMapping("/api/v1")
public class AppealController {

  private final FilingAppeal filing;
  private final DecidingAppeal deciding;
  private final AppealViews views;
  private final Appeals appeals;
  private final ResourceAccess access;

  public AppealController(FilingAppeal filing, DecidingAppeal deciding, AppealViews views, Appeals appeals, ResourceAccess access) {
    this.filing = filing;
    this.deciding = deciding;
    this.views = views;
    this.appeals = appeals;
    this.access = access;
  }

  @GetMapping("/me/decisions")
  @RolesAllowed(APPELLANT)
  @Operation(description = "The statements of reasons about the caller's content, newest first, with whether and until when each can be appealed.")
  public List<AppealViews.MyDecision> myDecisions(@AuthenticationPrincipal ArbiterUser user) {
    return views.decisionsOf(user.subject());
  }

  @PostMapping(path = "/appeals", consumes = MediaType.APPLICATION_JSON_VALUE)
  @RolesAllowed(APPELLANT)
  @Operation(description = "Appeals a decision about the caller's content: 201 (status filed, or ineligible with the reason), "
      + "200 for an exact repeat of the open appeal, 409 naming the open appeal, 404 for a decision not about the caller's content.")
  public ResponseEntity<AppealViews.AppealReceipt> file(@AuthenticationPrincipal ArbiterUser user, @Valid @RequestBody AppealRequest request) {
    return answer(filing.file(user, request.decisionId(), request.text(), List.of()));
  }

  @PostMapping(path = "/appeals", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @RolesAllowed(APPELLANT)
  public ResponseEntity<AppealViews.AppealReceipt> fileWithAttachments(
      @AuthenticationPrincipal ArbiterUser user,
      @Valid @RequestPart("appeal") AppealRequest request,
      @RequestPart(name = "files", required = false) List<MultipartFile> files) {
    List<MultipartFile> uploads = files == null ? List.of() : files;
    if (uploads.size() > ContentController.MAX_FILES) {
      throw problem(HttpStatus.PAYLOAD_TOO_LARGE, "At most " + ContentController.MAX_FILES + " files per appeal, got " + uploads.size());
    }
    List<ContentFile> attachments = new ArrayList<>();
    for (MultipartFile upload : uploads) {
      if (upload.isEmpty()) {
        throw problem(HttpStatus.BAD_REQUEST, "File '" + upload.getOriginalFilename() + "' is empty");
      }
      try {
        attachments.add(new ContentFile(upload.getOriginalFilename(), upload.getContentType(), upload.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return answer(filing.file(user, request.decisionId(), request.text(), attachments));
  }

  @GetMapping("/me/appeals")
  @RolesAllowed(APPELLANT)
  @Operation(description = "The caller's appeals, newest first.")
  public List<AppealViews.AppealSummary> myAppeals(@AuthenticationPrincipal ArbiterUser user) {
    return views.appealsOf(user.subject());
  }

  @GetMapping("/me/appeals/{id}")
  @RolesAllowed(APPELLANT)
  @Operation(description = "One of the caller's appeals with its status, history, outcome and redress; another user's appeal is 403.")
  public AppealViews.AppellantView myAppeal(@AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id) {
    Appeal appeal = appeals.find(id).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No appeal " + id));
    return views.forAppellant(access.require(user, "appeal/" + id, appeal, AccessRule.author()));
  }

  @GetMapping("/appeals/{id}")
  @RolesAllowed({POLICY_EXPERT, SENIOR_MODERATOR, AUDITOR})
  @Operation(description = "An appeal as the expert sees it: the original case, signals and decision (with its note and policy version); "
      + "not who the appellant is.")
  public AppealViews.ExpertView appeal(@AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id) {
    Appeal appeal = appeals.find(id).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No appeal " + id));
    access.granted(user, "appeal/" + id, "role");
    return views.forExpert(appeal);
  }

  @GetMapping("/appeals/by-queue-item/{id}")
  @RolesAllowed({POLICY_EXPERT, SENIOR_MODERATOR, AUDITOR})
  @Operation(description = "The appeal of a claimed queue item (kind APPEAL), as GET /api/v1/appeals/{id}.")
  public AppealViews.ExpertView appealOfQueueItem(@AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id) {
    Appeal appeal = appeals.byQueueItem(id).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No appeal waits in queue item " + id));
    access.granted(user, "appeal/" + appeal.id(), "role");
    return views.forExpert(appeal);
  }

  @PostMapping(path = "/appeals/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
  @RolesAllowed({POLICY_EXPERT, SENIOR_MODERATOR})
  @Operation(description = "Decides an appeal whose queue item the caller holds: upheld, overturned or escalate (to senior policy). "
      + "403 for the original decider or the content's author, 409 without the lease; repeating the same decision is harmless.")
  public DecidingAppeal.Ruling decide(
      @AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id, @Valid @RequestBody AppealDecisionRequest request) {
    DecidingAppeal.Outcome outcome = deciding.decide(user, id, request);
    if (outcome instanceof DecidingAppeal.Outcome.Refused refused) {
      throw problem(HttpStatus.valueOf(refused.status()), refused.reason());
    }
    return ((DecidingAppeal.Outcome.Decided) outcome).ruling();
  }

  private static ResponseEntity<AppealViews.AppealReceipt> answer(FilingAppeal.Outcome outcome) {
    if (outcome instanceof FilingAppeal.Outcome.Filed filed) {
      return ResponseEntity.created(location(filed.appeal())).body(AppealViews.AppealReceipt.of(filed.appeal()));
    }
    if (outcome instanceof FilingAppeal.Outcome.Repeated repeated) {
      return ResponseEntity.ok().location(location(repeated.appeal())).body(AppealViews.AppealReceipt.of(repeated.appeal()));
    }
    if (outcome instanceof FilingAppeal.Outcome.AlreadyOpen open) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
          "Appeal " + open.openAppealId() + " of this decision is open; one appeal per decision is open at a time");
      problem.setProperty("appealId", open.openAppealId());
      throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
    throw problem(HttpStatus.NOT_FOUND, "No decision about your content with this id");
  }

  private static URI location(Appeal appeal) {
    return URI.create("/api/v1/me/appeals/" + appeal.id());
  }

  private static ErrorResponseException problem(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }
}
