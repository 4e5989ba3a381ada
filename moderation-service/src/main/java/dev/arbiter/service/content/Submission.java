package dev.arbiter.service.content;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** What a platform says about an item it submits; the platform itself comes from its token. */
public record Submission(
    @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and . _ : - only")
        String externalId,
    @NotBlank @Size(max = 200) String authorId,
    @NotBlank @Pattern(regexp = "public_post|comment|direct_message|profile|advert",
        message = "one of public_post, comment, direct_message, profile, advert") String surface,
    @Size(max = 35) String locale,
    @Size(max = Submission.MAX_TEXT_CHARS) String text,
    @Pattern(regexp = "none|user|trusted_flagger|authority", message = "one of none, user, trusted_flagger, authority")
        String reporterType,
    Map<String, String> metadata) {

  public static final int MAX_TEXT_CHARS = 100_000;

  public Submission {
    reporterType = reporterType == null ? "none" : reporterType;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
