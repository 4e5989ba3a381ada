package dev.arbiter.service.content;

import static dev.arbiter.service.security.Roles.PLATFORM;

import dev.arbiter.service.security.ArbiterUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Platforms submit content for triage: JSON for text, multipart for files (part "submission" + parts "files"). */
@RestController
@RequestMapping("/api/v1/content")
public class ContentController {

  public static final int MAX_FILES = 10;

  private final SubmittingContent submitting;

  public ContentController(SubmittingContent submitting) {
    this.submitting = submitting;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @RolesAllowed(PLATFORM)
  public ResponseEntity<CaseReceipt> submitText(
      @AuthenticationPrincipal ArbiterUser platform, @Valid @RequestBody Submission submission) {
    return submit(platform, submission, List.of());
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @RolesAllowed(PLATFORM)
  public ResponseEntity<CaseReceipt> submitWithFiles(
      @AuthenticationPrincipal ArbiterUser platform,
      @Valid @RequestPart("submission") Submission submission,
      @RequestPart(name = "files", required = false) List<MultipartFile> files) {
    List<MultipartFile> uploads = files == null ? List.of() : files;
    if (uploads.size() > MAX_FILES) {
      throw problem(HttpStatus.PAYLOAD_TOO_LARGE, "At most " + MAX_FILES + " files per item, got " + uploads.size());
    }
    List<ContentFile> contentFiles = new ArrayList<>();
    for (MultipartFile upload : uploads) {
      if (upload.isEmpty()) {
        throw problem(HttpStatus.BAD_REQUEST, "File '" + upload.getOriginalFilename() + "' is empty");
      }
      try {
        contentFiles.add(new ContentFile(upload.getOriginalFilename(), upload.getContentType(), upload.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return submit(platform, submission, contentFiles);
  }

  private ResponseEntity<CaseReceipt> submit(ArbiterUser platform, Submission submission, List<ContentFile> files) {
    String platformId =
        platform.platformId().orElseThrow(() -> problem(HttpStatus.FORBIDDEN, "The token names no platform (platform_id claim)"));
    boolean hasText = submission.text() != null && !submission.text().isBlank();
    if (!hasText && files.isEmpty()) {
      throw problem(HttpStatus.BAD_REQUEST, "An item needs text, files, or both");
    }
    CaseReceipt receipt = submitting.submit(platformId, submission, files);
    if (receipt.duplicate()) {
      return ResponseEntity.ok(receipt);
    }
    return ResponseEntity.created(URI.create("/api/v1/content/" + receipt.caseId())).body(receipt);
  }

  private static ErrorResponseException problem(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }
}
