package dev.arbiter.service.queue;

import static dev.arbiter.service.security.Roles.MODERATOR;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;
import static dev.arbiter.service.security.Roles.SENIOR_MODERATOR;

import dev.arbiter.service.security.ArbiterUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Review queues for reviewers: what waits, claim the next item, give it back. */
@RestController
@RequestMapping("/api/v1")
public class QueueController {

  private final ClaimingNextCase claiming;
  private final EscalatingCase escalating;
  private final ReassigningCase reassigning;

  public QueueController(ClaimingNextCase claiming, EscalatingCase escalating, ReassigningCase reassigning) {
    this.claiming = claiming;
    this.escalating = escalating;
    this.reassigning = reassigning;
  }

  public record QueueView(QueueCounts counts, List<QueueItem> items) {}

  public record EscalationRequest(@Size(max = 2000) String note) {}

  /** Exactly one of moderator (a Keycloak user id) and queue. */
  public record ReassignmentRequest(String moderator, String queue) {}

  /** The queues the caller works, with counts and the oldest waiting item's age. */
  @GetMapping("/queues")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT})
  public List<QueueCounts> myQueues(@AuthenticationPrincipal ArbiterUser user) {
    return claiming.myQueues(user);
  }

  /** Counts and the most urgent waiting items of a queue the caller works, optionally by state, kind and language. */
  @GetMapping("/queues/{queue}")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT})
  public QueueView queue(
      @AuthenticationPrincipal ArbiterUser user,
      @PathVariable String queue,
      @RequestParam(required = false) QueueItem.State state,
      @RequestParam(required = false) QueueItem.Kind kind,
      @RequestParam(required = false) String language,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw problem(HttpStatus.BAD_REQUEST, "limit must be between 1 and 500");
    }
    ReviewQueues.Filter filter = new ReviewQueues.Filter(state, kind, language);
    return new QueueView(claiming.counts(user, queue), claiming.waiting(user, queue, filter, limit));
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

  /** Hands a claimed item to the senior queue; its holder only. */
  @PostMapping(path = "/queue-items/{id}/escalate", consumes = "application/json")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT})
  public QueueItem escalate(
      @AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id, @Valid @RequestBody EscalationRequest request) {
    return escalating.escalate(user, id, request.note())
        .orElseThrow(() -> problem(HttpStatus.CONFLICT, "You do not hold a live lease on item " + id + ", or it is an appeal"));
  }

  /** Gives an item to a named member of its queue, or moves it to another queue. */
  @PostMapping(path = "/queue-items/{id}/reassign", consumes = "application/json")
  @RolesAllowed(SENIOR_MODERATOR)
  public QueueItem reassign(
      @AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id, @RequestBody ReassignmentRequest request) {
    boolean toModerator = request.moderator() != null && !request.moderator().isBlank();
    boolean toQueue = request.queue() != null && !request.queue().isBlank();
    if (toModerator == toQueue) {
      throw problem(HttpStatus.BAD_REQUEST, "Give exactly one of 'moderator' and 'queue'");
    }
    ReassigningCase.Outcome outcome =
        toModerator ? reassigning.toModerator(user, id, request.moderator()) : reassigning.toQueue(user, id, request.queue());
    if (outcome instanceof ReassigningCase.Outcome.Refused refused) {
      throw problem(HttpStatus.valueOf(refused.status()), refused.reason());
    }
    return ((ReassigningCase.Outcome.Reassigned) outcome).item();
  }

  private static ErrorResponseException problem(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }
}
