package dev.arbiter.service.audit;

import dev.arbiter.service.content.Cases;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Indexes case events (escalations, reassignments) into the audit. The request that caused an event tries
 * at once; while Elasticsearch is down the events wait in the case store and this sweep writes them when it
 * is back, so the audit misses nothing. The document id is the event id: writing twice changes nothing.
 */
@Service
public class CatchingUpAudit {

  private static final Logger LOG = LoggerFactory.getLogger(CatchingUpAudit.class);
  private static final int BATCH = 200;

  private final CaseEvents events;
  private final Cases cases;
  private final AuditIndex audit;
  private final Clock clock;

  public CatchingUpAudit(CaseEvents events, Cases cases, AuditIndex audit, Clock clock) {
    this.events = events;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
  }

  /** Records the event and tries to audit it now; false when it waits for the next sweep. */
  public boolean record(CaseEvents.CaseEvent event) {
    events.insert(event);
    try {
      index(event);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Audit of case event {} deferred: {}", event.id(), e.getMessage());
      return false;
    }
  }

  @Scheduled(fixedDelayString = "${arbiter.audit.catch-up-interval:PT10S}")
  public void catchUp() {
    try {
      for (CaseEvents.CaseEvent event : events.unaudited(BATCH)) {
        index(event);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Audit catch-up waits for Elasticsearch: {}", e.getMessage());
    }
  }

  private void index(CaseEvents.CaseEvent event) throws IOException {
    Cases.StoredCase stored = cases.find(event.caseId()).orElseThrow();
    audit.record(
        new AuditRecord(
            event.id().toString(), event.kind(), event.caseId().toString(), stored.platformId() + "/" + stored.externalId(),
            stored.platformId(), event.actorId(), event.actorType(), event.event(), null, null, null, null, null,
            event.queue(), null, null, event.at(), clock.instant(), event.note(), null));
    events.markAudited(event.id(), clock.instant());
  }
}
