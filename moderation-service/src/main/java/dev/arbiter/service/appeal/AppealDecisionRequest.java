package dev.arbiter.service.appeal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An expert's decision on an appeal: the outcome, the reason code (not needed to escalate) and the explanation the appellant reads. */
public record AppealDecisionRequest(
    @NotBlank @Pattern(regexp = "upheld|overturned|escalate", message = "must be upheld, overturned or escalate") String outcome,
    @Size(max = 80) String reasonCode,
    @NotBlank @Size(max = 2000) String explanation) {}
