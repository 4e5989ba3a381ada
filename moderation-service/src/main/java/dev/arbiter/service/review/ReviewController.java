package dev.arbiter.service.review;

import static dev.arbiter.service.security.Roles.MODERATOR;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;
import static dev.arbiter.service.security.Roles.SENIOR_MODERATOR;

import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.security.ArbiterUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reviewers decide the items they hold. */
@RestController
@RequestMapping("/api/v1/reviews")
public class ReviewController {

  private final DecidingReview deciding;

  public ReviewController(DecidingReview deciding) {
    this.deciding = deciding;
  }

  /** Decides a claimed queue item; repeating the same call returns the same decision. */
  @PostMapping(path = "/{id}/decision", consumes = "application/json")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT})
  public Decision decide(
      @AuthenticationPrincipal ArbiterUser moderator, @PathVariable UUID id, @Valid @RequestBody ReviewDecisionRequest request) {
    DecidingReview.Outcome outcome = deciding.decide(moderator, id, request);
    if (outcome instanceof DecidingReview.Outcome.Refused refused) {
      HttpStatus status = HttpStatus.valueOf(refused.status());
      throw new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, refused.reason()), null);
    }
    return ((DecidingReview.Outcome.Decided) outcome).decision();
  }
}
