package dev.arbiter.service.content;

import java.util.UUID;

/** The answer to a submission: the case, its status, and whether the platform had sent it before. */
public record CaseReceipt(UUID caseId, String externalId, String status, boolean duplicate) {}
