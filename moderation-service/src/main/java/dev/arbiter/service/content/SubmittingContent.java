package dev.arbiter.service.content;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A platform submits an item. It is stored before anything else happens, so nothing is lost if the
 * engine is down; the same external id from the same platform always answers with the same case.
 */
@Service
public class SubmittingContent {

  private final Cases cases;
  private final StartingTriage startingTriage;
  private final TransactionTemplate transaction;

  public SubmittingContent(Cases cases, StartingTriage startingTriage, TransactionTemplate transaction) {
    this.cases = cases;
    this.startingTriage = startingTriage;
    this.transaction = transaction;
  }

  public CaseReceipt submit(String platformId, Submission submission, List<ContentFile> files) {
    Optional<Cases.StoredCase> existing = cases.findByExternalId(platformId, submission.externalId());
    if (existing.isPresent()) {
      return duplicateOf(existing.get());
    }
    UUID caseId = UUID.randomUUID();
    try {
      transaction.executeWithoutResult(status -> cases.insert(caseId, platformId, submission, files));
    } catch (DuplicateKeyException raced) {
      return duplicateOf(cases.findByExternalId(platformId, submission.externalId()).orElseThrow(() -> raced));
    }
    String status = startingTriage.tryStart(caseId) ? "triaging" : "received";
    return new CaseReceipt(caseId, submission.externalId(), status, false);
  }

  private static CaseReceipt duplicateOf(Cases.StoredCase stored) {
    return new CaseReceipt(stored.id(), stored.externalId(), stored.status(), true);
  }
}
