package dev.arbiter.service.queue;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queue items in PostgreSQL. Claims use the database's clock and row locks, so any number of service
 * replicas can hand out work without two moderators ever holding the same item.
 */
@Repository
public class ReviewQueues {

  private final JdbcClient jdbc;

  public ReviewQueues(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public QueueItem enqueue(NewQueueItem item) {
    return insert(item, null);
  }

  /** Enqueues once per case and origin (the job key): a retried job gets the item its first attempt made. */
  public QueueItem enqueueOnce(NewQueueItem item, long originKey) {
    return jdbc.sql("select * from queue_items where case_id = :caseId and origin_key = :origin")
        .param("caseId", item.caseId())
        .param("origin", originKey)
        .query(ReviewQueues::item)
        .optional()
        .orElseGet(() -> insert(item, originKey));
  }

  private QueueItem insert(NewQueueItem item, Long originKey) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into queue_items (id, case_id, queue, kind, language, priority, due_at, excluded_reviewers, blind,
                                     origin_key)
            values (:id, :caseId, :queue, :kind, :language, :priority, :dueAt, :excluded, :blind, :origin)
            """)
        .param("id", id)
        .param("caseId", item.caseId())
        .param("queue", item.queue())
        .param("kind", item.kind().name().toLowerCase(Locale.ROOT))
        .param("language", item.language())
        .param("priority", item.priority())
        .param("dueAt", item.dueAt() == null ? null : Timestamp.from(item.dueAt()))
        .param("excluded", item.excludedReviewers().toArray(String[]::new))
        .param("blind", item.blind())
        .param("origin", originKey)
        .update();
    return find(id).orElseThrow();
  }

  /** The item of a case still waiting for a reviewer, if any. */
  public Optional<QueueItem> waitingItemOf(UUID caseId) {
    return jdbc.sql(
            """
            select * from queue_items where case_id = :caseId and state in ('open', 'leased') and kind <> 'blind_audit'
             order by created_at desc limit 1
            """)
        .param("caseId", caseId)
        .query(ReviewQueues::item)
        .optional();
  }

  /** Makes a waiting item more urgent (priority 1 is the most urgent). */
  public void raisePriority(UUID itemId) {
    jdbc.sql("update queue_items set priority = greatest(priority - 1, 1) where id = :id and state in ('open', 'leased')")
        .param("id", itemId)
        .update();
  }

  /**
   * Leases the most urgent, then oldest, item of the queue that this moderator may take: open, or leased
   * with an expired lease; in one of their languages (or language-neutral); not excluded for them.
   */
  @Transactional
  public Optional<QueueItem> claimNext(String queue, String moderator, List<String> languages, Duration lease) {
    return jdbc.sql(
            """
            with next as (
                select id from queue_items
                 where queue = :queue
                   and (state = 'open' or (state = 'leased' and lease_expires_at < now()))
                   and not (:moderator = any (excluded_reviewers))
                   and (language is null or language = any (:languages))
                 order by priority, created_at, id
                 limit 1
                 for update skip locked)
            update queue_items q
               set state = 'leased', leased_by = :moderator,
                   lease_expires_at = now() + make_interval(secs => :leaseSeconds)
              from next
             where q.id = next.id
            returning q.*
            """)
        .param("queue", queue)
        .param("moderator", moderator)
        .param("languages", languages.toArray(String[]::new))
        .param("leaseSeconds", lease.toMillis() / 1000.0)
        .query(ReviewQueues::item)
        .optional();
  }

  /** Gives a leased item back to its queue; only the moderator holding the lease may. */
  public boolean release(UUID itemId, String moderator) {
    return jdbc.sql(
                """
                update queue_items set state = 'open', leased_by = null, lease_expires_at = null
                 where id = :id and state = 'leased' and leased_by = :moderator and lease_expires_at >= now()
                """)
            .param("id", itemId)
            .param("moderator", moderator)
            .update()
        == 1;
  }

  /** Closes an item held by this moderator under a live lease; false if the lease is gone. */
  public boolean closeLeased(UUID itemId, String moderator, QueueItem.State outcome) {
    return jdbc.sql(
                """
                update queue_items set state = :state, closed_at = now()
                 where id = :id and state = 'leased' and leased_by = :moderator and lease_expires_at >= now()
                """)
            .param("id", itemId)
            .param("moderator", moderator)
            .param("state", outcome.name().toLowerCase(Locale.ROOT))
            .update()
        == 1;
  }

  /** Moves an open or leased item to another queue and priority (escalation, reassignment). */
  public boolean move(UUID itemId, String queue, int priority) {
    return jdbc.sql(
                """
                update queue_items set queue = :queue, priority = :priority, state = 'open',
                       leased_by = null, lease_expires_at = null
                 where id = :id and state in ('open', 'leased')
                """)
            .param("id", itemId)
            .param("queue", queue)
            .param("priority", priority)
            .update()
        == 1;
  }

  /**
   * Hands an item its holder cannot decide to the senior queue, most urgent; the senior's decision is final
   * (a blind audit stays blind). Only under the holder's live lease.
   */
  public boolean escalate(UUID itemId, String moderator, String seniorQueue) {
    return jdbc.sql(
                """
                update queue_items set queue = :queue, priority = 1, state = 'open', leased_by = null, lease_expires_at = null,
                       kind = case when kind = 'blind_audit' then kind else 'senior_review' end
                 where id = :id and state = 'leased' and leased_by = :moderator and lease_expires_at >= now()
                   and kind <> 'appeal'
                """)
            .param("id", itemId)
            .param("queue", seniorQueue)
            .param("moderator", moderator)
            .update()
        == 1;
  }

  /** Leases a waiting item to a named reviewer, unless they are excluded from it (four eyes, own decision). */
  public boolean leaseTo(UUID itemId, String reviewer, Duration lease) {
    return jdbc.sql(
                """
                update queue_items set state = 'leased', leased_by = :reviewer,
                       lease_expires_at = now() + make_interval(secs => :leaseSeconds)
                 where id = :id and state in ('open', 'leased') and not (:reviewer = any (excluded_reviewers))
                """)
            .param("id", itemId)
            .param("reviewer", reviewer)
            .param("leaseSeconds", lease.toMillis() / 1000.0)
            .update()
        == 1;
  }

  public Optional<QueueItem> find(UUID id) {
    return jdbc.sql("select * from queue_items where id = :id").param("id", id).query(ReviewQueues::item).optional();
  }

  /** What a queue listing may be narrowed to; a null field does not narrow. */
  public record Filter(QueueItem.State state, QueueItem.Kind kind, String language) {
    public static final Filter NONE = new Filter(null, null, null);
  }

  /** Open and leased items of a queue, most urgent first. */
  public List<QueueItem> waiting(String queue, int limit) {
    return waiting(queue, Filter.NONE, limit);
  }

  public List<QueueItem> waiting(String queue, Filter filter, int limit) {
    return jdbc.sql(
            """
            select * from queue_items where queue = :queue and state in ('open', 'leased')
               and (cast(:state as text) is null or state = :state)
               and (cast(:kind as text) is null or kind = :kind)
               and (cast(:language as text) is null or language = :language)
             order by priority, created_at, id limit :limit
            """)
        .param("queue", queue)
        .param("state", filter.state() == null ? null : filter.state().name().toLowerCase(Locale.ROOT))
        .param("kind", filter.kind() == null ? null : filter.kind().name().toLowerCase(Locale.ROOT))
        .param("language", filter.language())
        .param("limit", limit)
        .query(ReviewQueues::item)
        .list();
  }

  /** Items per state in a queue, and the age of the oldest waiting one. */
  public QueueCounts counts(String queue) {
    Map<String, Long> byState =
        jdbc.sql("select state, count(*) as n from queue_items where queue = :queue group by state")
            .param("queue", queue)
            .query((rs, n) -> Map.entry(rs.getString("state"), rs.getLong("n")))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Optional<Instant> oldest =
        jdbc.sql("select min(created_at) from queue_items where queue = :queue and state in ('open', 'leased')")
            .param("queue", queue)
            .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
            .single();
    return new QueueCounts(
        queue,
        byState.getOrDefault("open", 0L),
        byState.getOrDefault("leased", 0L),
        byState.getOrDefault("decided", 0L),
        oldest.orElse(null));
  }

  private static QueueItem item(ResultSet rs, int row) throws SQLException {
    Array excluded = rs.getArray("excluded_reviewers");
    return new QueueItem(
        rs.getObject("id", UUID.class),
        rs.getObject("case_id", UUID.class),
        rs.getString("queue"),
        QueueItem.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        rs.getString("language"),
        rs.getInt("priority"),
        instant(rs.getTimestamp("due_at")),
        QueueItem.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
        rs.getString("leased_by"),
        instant(rs.getTimestamp("lease_expires_at")),
        excluded == null ? List.of() : Arrays.asList((String[]) excluded.getArray()),
        rs.getBoolean("blind"),
        instant(rs.getTimestamp("created_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
