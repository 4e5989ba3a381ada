package dev.arbiter.service.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.policy.PolicyBundle;
import dev.arbiter.policy.backtest.BacktestReport;
import dev.arbiter.policy.backtest.ShadowEvaluation;
import dev.arbiter.policy.change.BacktestSummary;
import dev.arbiter.policy.change.DraftStatus;
import dev.arbiter.policy.change.PolicyChangeException;
import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.change.PolicyEvent;
import dev.arbiter.policy.change.PolicyStore;
import dev.arbiter.policy.change.PolicyVersion;
import dev.arbiter.policy.routing.RoutingDecision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The policy library's store in PostgreSQL (tables of V2__policy_store.sql). Publishing is safe across
 * replicas: the version number is the primary key and must follow the latest, so of two concurrent
 * publishes of the same number exactly one commits.
 */
@Repository
public class JdbcPolicyStore implements PolicyStore {

  private static final String DRAFT_COLUMNS =
      """
      d.id, d.author, d.rationale, d.taxonomy_json, d.routing_dmn, d.content_hash, d.base_version, d.created_at,
      d.status, d.backtest_cases, d.backtest_changed, d.backtest_ran_at, d.backtest_ran_by, d.published_version,
      a.reviewer, a.comment, a.reviewed_at
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;

  public JdbcPolicyStore(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
  }

  @Override
  public String nextDraftId() {
    return "d" + jdbc.sql("select nextval('policy_draft_ids')").query(Long.class).single();
  }

  @Override
  public void saveDraft(PolicyDraft draft) {
    transactions.executeWithoutResult(status -> upsertDraft(draft));
  }

  private void upsertDraft(PolicyDraft draft) {
    BacktestSummary backtest = draft.backtest();
    jdbc.sql(
            """
            insert into policy_drafts (id, author, rationale, taxonomy_json, routing_dmn, content_hash, base_version, created_at,
                                       status, backtest_cases, backtest_changed, backtest_ran_at, backtest_ran_by, published_version)
            values (:id, :author, :rationale, :taxonomy, :dmn, :hash, :base, :createdAt,
                    :status, :cases, :changed, :ranAt, :ranBy, :published)
            on conflict (id) do update set
                -- Status only moves forward (OPEN -> APPROVED -> PUBLISHED, OPEN -> REJECTED): a save from a stale
                -- copy, such as a long backtest finishing after the review, never undoes a review.
                status = case
                    when policy_drafts.status = 'OPEN' then excluded.status
                    when policy_drafts.status = 'APPROVED' and excluded.status = 'PUBLISHED' then excluded.status
                    else policy_drafts.status end,
                backtest_cases = excluded.backtest_cases,
                backtest_changed = excluded.backtest_changed, backtest_ran_at = excluded.backtest_ran_at,
                backtest_ran_by = excluded.backtest_ran_by, published_version = excluded.published_version
            """)
        .param("id", draft.id())
        .param("author", draft.author())
        .param("rationale", draft.rationale())
        .param("taxonomy", draft.content().taxonomyJson())
        .param("dmn", draft.content().routingDmn())
        .param("hash", draft.contentHash())
        .param("base", draft.baseVersion())
        .param("createdAt", timestamp(draft.createdAt()))
        .param("status", draft.status().name())
        .param("cases", backtest == null ? null : backtest.cases())
        .param("changed", backtest == null ? null : backtest.changed())
        .param("ranAt", backtest == null ? null : timestamp(backtest.ranAt()))
        .param("ranBy", backtest == null ? null : backtest.ranBy())
        .param("published", draft.publishedVersion())
        .update();
    if (draft.reviewer() != null) {
      jdbc.sql(
              """
              insert into policy_approvals (draft_id, reviewer, outcome, comment, reviewed_at)
              values (:id, :reviewer, :outcome, :comment, :at)
              on conflict (draft_id) do update set reviewer = excluded.reviewer, outcome = excluded.outcome,
                  comment = excluded.comment, reviewed_at = excluded.reviewed_at
              """)
          .param("id", draft.id())
          .param("reviewer", draft.reviewer())
          .param("outcome", draft.status() == DraftStatus.REJECTED ? "REJECTED" : "APPROVED")
          .param("comment", draft.reviewComment())
          .param("at", timestamp(draft.reviewedAt()))
          .update();
    }
  }

  @Override
  public Optional<PolicyDraft> draft(String id) {
    return jdbc.sql("select " + DRAFT_COLUMNS + " from policy_drafts d left join policy_approvals a on a.draft_id = d.id where d.id = :id")
        .param("id", id)
        .query(JdbcPolicyStore::draftRow)
        .optional();
  }

  @Override
  public List<PolicyDraft> drafts() {
    return jdbc.sql("select " + DRAFT_COLUMNS + " from policy_drafts d left join policy_approvals a on a.draft_id = d.id "
            + "order by d.created_at, d.id")
        .query(JdbcPolicyStore::draftRow)
        .list();
  }

  @Override
  public void publish(PolicyVersion version, Optional<PolicyDraft> publishedDraft) {
    try {
      transactions.executeWithoutResult(status -> {
        int inserted = jdbc.sql(
                """
                insert into policy_versions (number, taxonomy_json, routing_dmn, content_hash, author, approver, published_by,
                                             published_at, rationale, draft_id, restored_from)
                select :number, :taxonomy, :dmn, :hash, :author, :approver, :publishedBy, :publishedAt, :rationale, :draftId, :restoredFrom
                where (select coalesce(max(number), 0) from policy_versions) = :number - 1
                """)
            .param("number", version.number())
            .param("taxonomy", version.content().taxonomyJson())
            .param("dmn", version.content().routingDmn())
            .param("hash", version.contentHash())
            .param("author", version.author())
            .param("approver", version.approver())
            .param("publishedBy", version.publishedBy())
            .param("publishedAt", timestamp(version.publishedAt()))
            .param("rationale", version.rationale())
            .param("draftId", version.draftId())
            .param("restoredFrom", version.restoredFrom())
            .update();
        if (inserted == 0) {
          throw notNext(version);
        }
        publishedDraft.ifPresent(this::upsertDraft);
      });
    } catch (DuplicateKeyException concurrent) {
      throw notNext(version);
    }
  }

  private PolicyChangeException notNext(PolicyVersion version) {
    int latest = latestVersionNumber().orElse(0);
    return new PolicyChangeException("version " + version.number() + " cannot be published: v" + latest
        + " is the latest, so the next number is " + (latest + 1));
  }

  @Override
  public Optional<PolicyVersion> version(int number) {
    return jdbc.sql("select * from policy_versions where number = :number").param("number", number).query(JdbcPolicyStore::versionRow).optional();
  }

  @Override
  public Optional<PolicyVersion> latestVersion() {
    return jdbc.sql("select * from policy_versions order by number desc limit 1").query(JdbcPolicyStore::versionRow).optional();
  }

  /** The live version's number alone: the cheap read every routing evaluation makes. */
  public OptionalInt latestVersionNumber() {
    Integer number = jdbc.sql("select max(number) from policy_versions").query(Integer.class).single();
    return number == null ? OptionalInt.empty() : OptionalInt.of(number);
  }

  @Override
  public List<PolicyVersion> versions() {
    return jdbc.sql("select * from policy_versions order by number").query(JdbcPolicyStore::versionRow).list();
  }

  @Override
  public void recordEvent(PolicyEvent event) {
    jdbc.sql("insert into policy_change_log (at, actor, type, subject, detail) values (:at, :actor, :type, :subject, :detail)")
        .param("at", timestamp(event.at()))
        .param("actor", event.actor())
        .param("type", event.type().name())
        .param("subject", event.subject())
        .param("detail", event.detail())
        .update();
  }

  @Override
  public List<PolicyEvent> events() {
    return jdbc.sql("select at, actor, type, subject, detail from policy_change_log order by id")
        .query((rs, row) -> new PolicyEvent(instant(rs, "at"), rs.getString("actor"), PolicyEvent.Type.valueOf(rs.getString("type")),
            rs.getString("subject"), rs.getString("detail")))
        .list();
  }

  @Override
  public void recordShadow(ShadowEvaluation evaluation) {
    jdbc.sql(
            """
            insert into policy_shadow_evaluations (draft_id, case_id, at, diverged, live, shadow)
            values (:draftId, :caseId, :at, :diverged, cast(:live as jsonb), cast(:shadow as jsonb))
            """)
        .param("draftId", evaluation.draftId())
        .param("caseId", evaluation.caseId())
        .param("at", timestamp(evaluation.at()))
        .param("diverged", evaluation.diverged())
        .param("live", write(evaluation.live()))
        .param("shadow", write(evaluation.shadow()))
        .update();
  }

  @Override
  public List<ShadowEvaluation> shadowEvaluations(String draftId) {
    return jdbc.sql("select case_id, draft_id, at, live, shadow from policy_shadow_evaluations where draft_id = :draftId order by id")
        .param("draftId", draftId)
        .query((rs, row) -> new ShadowEvaluation(rs.getString("case_id"), rs.getString("draft_id"),
            read(rs.getString("live"), RoutingDecision.class), read(rs.getString("shadow"), RoutingDecision.class), instant(rs, "at")))
        .list();
  }

  /** Keeps the whole backtest report beside the draft's headline, for its reviewer. */
  public void saveBacktestReport(String draftId, BacktestReport report) {
    jdbc.sql("update policy_drafts set backtest_report = cast(:report as jsonb) where id = :id")
        .param("report", write(report))
        .param("id", draftId)
        .update();
  }

  public Optional<BacktestReport> backtestReport(String draftId) {
    return jdbc.sql("select backtest_report from policy_drafts where id = :id and backtest_report is not null")
        .param("id", draftId)
        .query(String.class)
        .optional()
        .map(text -> read(text, BacktestReport.class));
  }

  public void attachProcessInstance(String draftId, long processInstanceKey) {
    jdbc.sql("update policy_drafts set process_instance_key = :key where id = :id").param("key", processInstanceKey).param("id", draftId).update();
  }

  public Optional<Long> processInstance(String draftId) {
    return jdbc.sql("select process_instance_key from policy_drafts where id = :id and process_instance_key is not null")
        .param("id", draftId)
        .query(Long.class)
        .optional();
  }

  /** Open drafts whose review workflow has not started, e.g. because the engine was unreachable when they were drafted. */
  public List<String> openDraftsWithoutWorkflow() {
    return jdbc.sql("select id from policy_drafts where status = 'OPEN' and process_instance_key is null order by created_at")
        .query(String.class)
        .list();
  }

  /** Writes how a change ended, once: a retried workflow task finds the record and changes nothing. */
  public void recordClosedChange(ClosedChange change) {
    jdbc.sql(
            """
            insert into policy_change_records (draft_id, outcome, policy_version, process_instance_key, recorded_at)
            values (:draftId, :outcome, :version, :key, :at)
            on conflict (draft_id) do nothing
            """)
        .param("draftId", change.draftId())
        .param("outcome", change.outcome())
        .param("version", change.policyVersion())
        .param("key", change.processInstanceKey())
        .param("at", timestamp(change.recordedAt()))
        .update();
  }

  public Optional<ClosedChange> closedChange(String draftId) {
    return jdbc.sql("select * from policy_change_records where draft_id = :id")
        .param("id", draftId)
        .query((rs, row) -> new ClosedChange(rs.getString("draft_id"), rs.getString("outcome"), (Integer) rs.getObject("policy_version"),
            (Long) rs.getObject("process_instance_key"), instant(rs, "recorded_at")))
        .optional();
  }

  public void startShadow(String draftId, String actor, Instant at) {
    jdbc.sql(
            """
            insert into policy_shadow_modes (draft_id, started_by, started_at) values (:id, :actor, :at)
            on conflict (draft_id) do update set started_by = excluded.started_by, started_at = excluded.started_at,
                stopped_by = null, stopped_at = null
            """)
        .param("id", draftId)
        .param("actor", actor)
        .param("at", timestamp(at))
        .update();
  }

  public void stopShadow(String draftId, String actor, Instant at) {
    jdbc.sql("update policy_shadow_modes set stopped_by = :actor, stopped_at = :at where draft_id = :id and stopped_at is null")
        .param("id", draftId)
        .param("actor", actor)
        .param("at", timestamp(at))
        .update();
  }

  public boolean inShadowMode(String draftId) {
    return jdbc.sql("select count(*) from policy_shadow_modes where draft_id = :id and stopped_at is null")
        .param("id", draftId)
        .query(Integer.class)
        .single() > 0;
  }

  /** The live version number and the drafts running in shadow mode, read together in one round trip. */
  public LiveState liveState() {
    return jdbc.sql(
            """
            select (select max(number) from policy_versions) as live,
                   array(select m.draft_id from policy_shadow_modes m join policy_drafts d on d.id = m.draft_id
                         where m.stopped_at is null and d.status in ('OPEN', 'APPROVED') order by m.draft_id) as shadows
            """)
        .query((rs, row) -> new LiveState((Integer) rs.getObject("live"), List.of((String[]) rs.getArray("shadows").getArray())))
        .single();
  }

  /** @param liveVersion null until version 1 is published */
  public record LiveState(Integer liveVersion, List<String> shadowDrafts) {}

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
    }
  }

  private static PolicyDraft draftRow(ResultSet rs, int row) throws SQLException {
    Integer cases = (Integer) rs.getObject("backtest_cases");
    BacktestSummary backtest = cases == null ? null
        : new BacktestSummary(cases, rs.getInt("backtest_changed"), instant(rs, "backtest_ran_at"), rs.getString("backtest_ran_by"));
    return new PolicyDraft(
        rs.getString("id"),
        rs.getString("author"),
        rs.getString("rationale"),
        new PolicyBundle(rs.getString("taxonomy_json"), rs.getString("routing_dmn")),
        rs.getString("content_hash"),
        rs.getInt("base_version"),
        instant(rs, "created_at"),
        DraftStatus.valueOf(rs.getString("status")),
        backtest,
        rs.getString("reviewer"),
        rs.getString("comment"),
        instant(rs, "reviewed_at"),
        (Integer) rs.getObject("published_version"));
  }

  private static PolicyVersion versionRow(ResultSet rs, int row) throws SQLException {
    return new PolicyVersion(
        rs.getInt("number"),
        new PolicyBundle(rs.getString("taxonomy_json"), rs.getString("routing_dmn")),
        rs.getString("content_hash"),
        rs.getString("author"),
        rs.getString("approver"),
        rs.getString("published_by"),
        instant(rs, "published_at"),
        rs.getString("rationale"),
        rs.getString("draft_id"),
        (Integer) rs.getObject("restored_from"));
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
