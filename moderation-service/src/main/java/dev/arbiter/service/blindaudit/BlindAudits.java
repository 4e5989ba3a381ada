package dev.arbiter.service.blindaudit;

import dev.arbiter.service.decision.Decision;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Blind audits in the case store: which automatic decision an item audits, and what the auditor found. */
@Repository
public class BlindAudits {

  private final JdbcClient jdbc;

  public BlindAudits(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One blind audit: the automatic decision, and the auditor's decision and agreement once given. */
  public record BlindAudit(UUID queueItemId, UUID caseId, UUID automaticDecision, UUID auditorDecision, Boolean agrees) {}

  public void sampled(UUID queueItemId, UUID caseId, UUID automaticDecision) {
    jdbc.sql(
            """
            insert into blind_audits (queue_item_id, case_id, automatic_decision) values (:item, :caseId, :decision)
            on conflict (queue_item_id) do nothing
            """)
        .param("item", queueItemId)
        .param("caseId", caseId)
        .param("decision", automaticDecision)
        .update();
  }

  public Optional<BlindAudit> ofItem(UUID queueItemId) {
    return jdbc.sql("select * from blind_audits where queue_item_id = :item")
        .param("item", queueItemId)
        .query(
            (rs, n) ->
                new BlindAudit(
                    rs.getObject("queue_item_id", UUID.class),
                    rs.getObject("case_id", UUID.class),
                    rs.getObject("automatic_decision", UUID.class),
                    rs.getObject("auditor_decision", UUID.class),
                    (Boolean) rs.getObject("agrees")))
        .optional();
  }

  /** Records the auditor's decision once; the first verdict stands. */
  public void recordVerdict(UUID queueItemId, Decision auditorDecision, boolean agrees) {
    jdbc.sql(
            """
            update blind_audits set auditor_decision = :decision, agrees = :agrees
             where queue_item_id = :item and auditor_decision is null
            """)
        .param("decision", auditorDecision.id())
        .param("agrees", agrees)
        .param("item", queueItemId)
        .update();
  }

  /** Agreement between blind auditors and automation per category of the automatic decision. */
  public List<CategoryAgreement> agreement(Instant from, Instant to) {
    return jdbc.sql(
            """
            select coalesce(d.category, 'none') as category, count(*) as sampled,
                   count(b.auditor_decision) as decided, count(*) filter (where b.agrees) as agreed
              from blind_audits b join decisions d on d.id = b.automatic_decision
             where b.created_at >= :from and b.created_at < :to
             group by 1 order by 1
            """)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query((rs, n) -> new CategoryAgreement(rs.getString("category"), rs.getLong("sampled"), rs.getLong("decided"), rs.getLong("agreed")))
        .list();
  }

  public record CategoryAgreement(String category, long sampled, long decided, long agreed) {}
}
