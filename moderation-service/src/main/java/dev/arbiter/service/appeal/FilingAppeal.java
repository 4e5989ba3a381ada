package dev.arbiter.service.appeal;

import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.extraction.ExtractionResult;
import dev.arbiter.classifiers.extraction.TikaContentExtractor;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.content.ContentFile;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.security.AccessDecision;
import dev.arbiter.service.security.AccessLog;
import dev.arbiter.service.security.ArbiterUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user appeals a decision about their content. Every filing is stored, eligible or not, before the
 * appeal process starts, so nothing is lost while the engine is down; an ineligible one is answered
 * with its reason. One appeal per decision is open at a time; an exact repeat answers with the same one.
 */
@Service
public class FilingAppeal {

  private final Decisions decisions;
  private final Cases cases;
  private final Appeals appeals;
  private final CheckingEligibility eligibility;
  private final StartingAppeal starting;
  private final TikaContentExtractor extractor;
  private final TransactionTemplate transaction;
  private final AccessLog accessLog;
  private final Clock clock;

  public FilingAppeal(
      Decisions decisions,
      Cases cases,
      Appeals appeals,
      CheckingEligibility eligibility,
      StartingAppeal starting,
      TikaContentExtractor extractor,
      TransactionTemplate transaction,
      AccessLog accessLog,
      Clock clock) {
    this.decisions = decisions;
    this.cases = cases;
    this.appeals = appeals;
    this.eligibility = eligibility;
    this.starting = starting;
    this.extractor = extractor;
    this.transaction = transaction;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  public sealed interface Outcome {
    /** A new appeal (eligible or not): 201. */
    record Filed(Appeal appeal) implements Outcome {}

    /** The same appellant sent the same text for a decision whose appeal is open: 200 with that appeal. */
    record Repeated(Appeal appeal) implements Outcome {}

    /** Another appeal of the decision is open: 409. */
    record AlreadyOpen(UUID openAppealId) implements Outcome {}

    /** No such decision, or not one about the caller's content: 404 either way. */
    record NotFound() implements Outcome {}
  }

  public Outcome file(ArbiterUser appellant, UUID decisionId, String text, List<ContentFile> files) {
    Optional<Decision> decision = decisions.find(decisionId);
    Optional<Cases.StoredCase> stored = decision.flatMap(d -> cases.find(d.caseId()));
    if (stored.isEmpty() || !stored.get().authorId().equals(appellant.subject())) {
      // Recorded, but answered like a missing decision: whether it exists is not the caller's business.
      accessLog.record(AccessDecision.of(appellant, "decision/" + decisionId + "/appeal", false, "not the author of the content"));
      return new Outcome.NotFound();
    }
    Optional<Outcome> open = openAppeal(appellant, decisionId, text);
    if (open.isPresent()) {
      return open.get();
    }
    Instant now = clock.instant();
    CheckingEligibility.Eligibility eligible = eligibility.check(decision.get(), appellant.subject(), now, null);
    Appeal appeal =
        new Appeal(
            UUID.randomUUID(),
            decisionId,
            decision.get().caseId(),
            appellant.subject(),
            Appeal.AppellantRole.AUTHOR,
            text,
            eligible.eligible() ? Appeal.Status.FILED : Appeal.Status.INELIGIBLE,
            eligible.reason(),
            null,
            null,
            null,
            now,
            null);
    List<Appeals.Attachment> attachments = extract(files);
    try {
      transaction.executeWithoutResult(
          status -> {
            appeals.insert(appeal, attachments);
            appeals.addEvent(appeal.id(), now, "filed", attachments.size() + " attachment(s)", null, null, null);
            if (!eligible.eligible()) {
              appeals.addEvent(appeal.id(), now, "ineligible", eligible.reason(), null, null, null);
            }
          });
    } catch (DuplicateKeyException raced) {
      return openAppeal(appellant, decisionId, text).orElseThrow(() -> raced);
    }
    starting.tryStart(appeal.id());
    return new Outcome.Filed(appeal);
  }

  private Optional<Outcome> openAppeal(ArbiterUser appellant, UUID decisionId, String text) {
    return appeals
        .openOf(decisionId)
        .map(
            open ->
                open.appellantId().equals(appellant.subject()) && open.text().equals(text)
                    ? new Outcome.Repeated(open)
                    : new Outcome.AlreadyOpen(open.id()));
  }

  /** Each file through the same Tika extractor and limits as content; a file it cannot read is kept, marked. */
  private List<Appeals.Attachment> extract(List<ContentFile> files) {
    List<Appeals.Attachment> attachments = new ArrayList<>();
    for (ContentFile file : files) {
      byte[] bytes = file.bytes();
      ExtractionResult result = extractor.extract(bytes, file.fileName());
      if (result instanceof ExtractionResult.Failed failed) {
        attachments.add(new Appeals.Attachment(file.fileName(), failed.mediaType().orElse(file.declaredType()), bytes.length, bytes,
            null, failed.failure().name() + ": " + failed.detail()));
      } else {
        ExtractedContent content = result.content().orElseThrow();
        attachments.add(new Appeals.Attachment(file.fileName(), content.mediaType(), bytes.length, bytes, content.text(), null));
      }
    }
    return attachments;
  }
}
