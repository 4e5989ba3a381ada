package dev.arbiter.service.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A moderator's decision on a claimed item: the action, the policy reason code, and a note for the record. */
public record ReviewDecisionRequest(
    @NotBlank @Size(max = 40) String action, @NotBlank @Size(max = 80) String reasonCode, @Size(max = 4000) String note) {}
