package dev.arbiter.service.security;

import static dev.arbiter.service.security.Roles.APPELLANT;
import static dev.arbiter.service.security.Roles.AUDITOR;
import static dev.arbiter.service.security.Roles.MODERATOR;
import static dev.arbiter.service.security.Roles.PLATFORM;
import static dev.arbiter.service.security.Roles.POLICY_ADMIN;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;
import static dev.arbiter.service.security.Roles.SENIOR_MODERATOR;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, and who works a queue. */
@RestController
@RequestMapping("/api/v1")
public class IdentityController {

  private final KeycloakDirectory directory;
  private final ResourceAccess resourceAccess;

  public IdentityController(KeycloakDirectory directory, ResourceAccess resourceAccess) {
    this.directory = directory;
    this.resourceAccess = resourceAccess;
  }

  /** The caller as the UI needs it: roles decide the screens, queues and languages the work. */
  public record Me(
      String subject,
      String username,
      SortedSet<String> roles,
      SortedSet<String> groups,
      SortedSet<String> queues,
      SortedSet<String> languages,
      String platformId) {}

  @GetMapping("/me")
  @RolesAllowed({PLATFORM, MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT, POLICY_ADMIN, AUDITOR, APPELLANT})
  public Me me(@AuthenticationPrincipal ArbiterUser user) {
    SortedSet<String> roles = new TreeSet<>(user.roles());
    roles.retainAll(Roles.ALL);
    return new Me(
        user.subject(),
        user.username(),
        roles,
        new TreeSet<>(user.groups()),
        user.queues(),
        user.languages(),
        user.platformId().orElse(null));
  }

  /** Members of a queue's group, for a senior moderator reassigning its items. */
  @GetMapping("/queues/{queue}/moderators")
  @RolesAllowed(SENIOR_MODERATOR)
  public List<QueueMember> queueModerators(
      @PathVariable String queue, @AuthenticationPrincipal ArbiterUser user) {
    if (!QueueAccess.isQueueName(queue)) {
      throw problem(HttpStatus.BAD_REQUEST, "Queue names are lower case letters, digits and dashes.");
    }
    List<QueueMember> members =
        directory
            .membersOf(QueueAccess.groupPath(queue))
            .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No queue named " + queue + "."));
    resourceAccess.granted(user, "queue/" + queue + "/moderators", "role " + SENIOR_MODERATOR);
    return members;
  }

  private static ErrorResponseException problem(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }
}
