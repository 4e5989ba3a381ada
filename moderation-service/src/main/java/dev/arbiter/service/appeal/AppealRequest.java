package dev.arbiter.service.appeal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** An appeal as the appellant files it: the decision, and in their words why it is wrong. */
public record AppealRequest(@NotNull UUID decisionId, @NotBlank @Size(min = 1, max = AppealRequest.MAX_TEXT) String text) {

  public static final int MAX_TEXT = 5000;
}
