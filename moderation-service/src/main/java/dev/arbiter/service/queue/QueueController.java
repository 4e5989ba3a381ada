package dev.arbiter.service.queue;

import static dev.arbiter.service.security.Roles.MODERATOR;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;
import static dev.arbiter.service.security.Roles.SENIOR_MODERATOR;

import dev.arbiter.service.security.ArbiterUser;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Review queues for reviewers: what waits, claim the next item, give it back. */
@RestController
@RequestMapping("/api/v1")
public class QueueController {

  private final ClaimingNextCase claiming;

  public QueueController(ClaimingNextCase claiming) {
    this.claiming = claiming;
  }

  public record QueueView(QueueCounts counts, List<QueueItem> items) {}

  /** Counts and the most urgent waiting items of a queue the caller works. */
  @GetMapping("/queues/{queue}")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT})
  public QueueView queue(
      @AuthenticationPrincipal ArbiterUser user,
      @PathVariable String queue,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw problem(HttpStatus.BAD_REQUEST, "limit must be between 1 and 500");
    }
    return new QueueView(claiming.counts(user, queue), claiming.waiting(user, queue, limit));
  }

  /** Leases the next item of the queue to the caller: 200 with the item, or 204 when nothing waits. */
  @PostMapping("/queues/{queue}/claim-next")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT})
  public ResponseEntity<QueueItem> claimNext(@AuthenticationPrincipal ArbiterUser user, @PathVariable String queue) {
    return claiming.claimNext(user, queue).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
  }

  /** Gives a claimed item back to its queue. */
  @PostMapping("/queue-items/{id}/release")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT})
  public ResponseEntity<Void> release(@AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id) {
    if (!claiming.release(user, id)) {
      throw problem(HttpStatus.CONFLICT, "You do not hold a live lease on item " + id);
    }
    return ResponseEntity.noContent().build();
  }

  private static ErrorResponseException problem(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }
}
