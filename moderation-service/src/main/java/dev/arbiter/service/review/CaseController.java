package dev.arbiter.service.review;

import static dev.arbiter.service.security.Roles.AUDITOR;
import static dev.arbiter.service.security.Roles.MODERATOR;
import static dev.arbiter.service.security.Roles.POLICY_EXPERT;
import static dev.arbiter.service.security.Roles.SENIOR_MODERATOR;

import dev.arbiter.service.security.ArbiterUser;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The case behind a queue item, for the reviewer holding it (seniors of the queue and auditors may look too). */
@RestController
@RequestMapping("/api/v1/queue-items")
public class CaseController {

  /** Raster images only: SVG and anything else could carry script into the console's origin. */
  private static final Set<String> SERVED_MEDIA = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp");

  private final OpeningCase opening;

  public CaseController(OpeningCase opening) {
    this.opening = opening;
  }

  @GetMapping("/{id}")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT, AUDITOR})
  public CaseView caseOf(@AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id) {
    return opening.open(user, id).orElseThrow(() -> notFound("No queue item " + id));
  }

  /** A part's image, for display blurred by default; never cached, never sniffed. */
  @GetMapping("/{id}/parts/{position}")
  @RolesAllowed({MODERATOR, SENIOR_MODERATOR, POLICY_EXPERT, AUDITOR})
  public ResponseEntity<byte[]> media(@AuthenticationPrincipal ArbiterUser user, @PathVariable UUID id, @PathVariable int position) {
    CaseFiles.Media media =
        opening.media(user, id, position)
            .filter(m -> m.mediaType() != null && SERVED_MEDIA.contains(m.mediaType()))
            .orElseThrow(() -> notFound("Item " + id + " has no image at position " + position));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(media.mediaType()))
        .cacheControl(CacheControl.noStore().cachePrivate())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .body(media.body());
  }

  private static ErrorResponseException notFound(String detail) {
    return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
  }
}
