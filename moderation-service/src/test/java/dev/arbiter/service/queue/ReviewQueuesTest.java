package dev.arbiter.service.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Claim-next against the real PostgreSQL: ordering, exclusivity under concurrency, leases. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(ReviewQueues.class)
class ReviewQueuesTest {

  private static final Duration LEASE = Duration.ofMinutes(10);
  private static final List<String> ENGLISH = List.of("en");

  @Autowired ReviewQueues queues;
  @Autowired JdbcClient jdbc;

  private final String queue = "test-" + UUID.randomUUID();

  @Test
  void claimsTheMostUrgentThenTheOldestItem() {
    QueueItem lowOld = enqueue(5, null);
    QueueItem urgent = enqueue(1, null);
    QueueItem lowNew = enqueue(5, null);

    assertThat(claim("m1")).map(QueueItem::id).contains(urgent.id());
    assertThat(claim("m2")).map(QueueItem::id).contains(lowOld.id());
    assertThat(claim("m3")).map(QueueItem::id).contains(lowNew.id());
    assertThat(claim("m4")).isEmpty();
  }

  @Test
  void fiftyConcurrentModeratorsNeverGetTheSameItem() throws Exception {
    Set<UUID> enqueued = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      enqueued.add(enqueue(1 + i % 3, null).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<QueueItem>>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String moderator = "moderator-" + i;
      Callable<Optional<QueueItem>> claimOne = () -> {
        start.await();
        return claim(moderator);
      };
      results.add(pool.submit(claimOne));
    }
    start.countDown();
    List<UUID> claimed = new ArrayList<>();
    for (Future<Optional<QueueItem>> result : results) {
      result.get().ifPresent(item -> claimed.add(item.id()));
    }
    pool.shutdown();

    assertThat(claimed).hasSize(30).doesNotHaveDuplicates();
    assertThat(new HashSet<>(claimed)).isEqualTo(enqueued);
  }

  @Test
  void anExpiredLeaseReturnsTheItemToTheQueue() throws Exception {
    QueueItem item = enqueue(1, null);
    assertThat(queues.claimNext(queue, "m1", ENGLISH, Duration.ofMillis(300))).isPresent();
    assertThat(claim("m2")).as("leased to m1").isEmpty();

    Thread.sleep(600);

    Optional<QueueItem> reclaimed = claim("m2");
    assertThat(reclaimed).map(QueueItem::id).contains(item.id());
    assertThat(reclaimed.get().leasedBy()).isEqualTo("m2");
    assertThat(queues.closeLeased(item.id(), "m1", QueueItem.State.DECIDED))
        .as("m1's lease is gone: m1 can no longer decide the item")
        .isFalse();
    assertThat(queues.closeLeased(item.id(), "m2", QueueItem.State.DECIDED)).isTrue();
  }

  @Test
  void anExcludedReviewerNeverGetsTheItem() {
    enqueue(1, null, List.of("original-decider"));

    assertThat(claim("original-decider")).isEmpty();
    assertThat(claim("someone-else")).isPresent();
  }

  @Test
  void moderatorsGetOnlyItemsInTheirLanguages() {
    QueueItem german = enqueue(1, "de");
    QueueItem neutral = enqueue(2, null);

    assertThat(claim("english-only")).map(QueueItem::id).contains(neutral.id());
    assertThat(claim("english-only-2")).isEmpty();
    assertThat(queues.claimNext(queue, "bilingual", List.of("en", "de"), LEASE)).map(QueueItem::id).contains(german.id());
  }

  @Test
  void releaseGivesTheItemBackAndCountsFollow() {
    QueueItem item = enqueue(1, null);
    claim("m1");
    assertThat(queues.counts(queue)).satisfies(c -> {
      assertThat(c.open()).isZero();
      assertThat(c.leased()).isEqualTo(1);
      assertThat(c.oldestWaitingSince()).isEqualTo(item.createdAt());
    });

    assertThat(queues.release(item.id(), "m2")).as("not m2's lease").isFalse();
    assertThat(queues.release(item.id(), "m1")).isTrue();

    assertThat(queues.counts(queue).open()).isEqualTo(1);
    assertThat(claim("m2")).map(QueueItem::id).contains(item.id());
  }

  @Test
  void listingsNarrowByStateKindAndLanguage() {
    QueueItem german = enqueue(1, "de");
    QueueItem english = enqueue(2, "en");
    claim("m1");

    assertThat(queues.waiting(queue, new ReviewQueues.Filter(QueueItem.State.LEASED, null, null), 10))
        .extracting(QueueItem::id).containsExactly(english.id());
    assertThat(queues.waiting(queue, new ReviewQueues.Filter(null, null, "de"), 10)).extracting(QueueItem::id).containsExactly(german.id());
    assertThat(queues.waiting(queue, new ReviewQueues.Filter(null, QueueItem.Kind.APPEAL, null), 10)).isEmpty();
    assertThat(queues.waiting(queue, ReviewQueues.Filter.NONE, 10)).extracting(QueueItem::id).containsExactly(german.id(), english.id());
  }

  @Test
  void onlyTheHolderEscalatesAndTheItemBecomesASeniorReview() {
    QueueItem item = enqueue(4, null);
    claim("m1");

    assertThat(queues.escalate(item.id(), "m2", "senior")).as("not m2's lease").isFalse();
    assertThat(queues.escalate(item.id(), "m1", "senior")).isTrue();
    QueueItem escalated = queues.find(item.id()).orElseThrow();
    assertThat(escalated.queue()).isEqualTo("senior");
    assertThat(escalated.kind()).isEqualTo(QueueItem.Kind.SENIOR_REVIEW);
    assertThat(escalated.priority()).isEqualTo(1);
    assertThat(escalated.state()).isEqualTo(QueueItem.State.OPEN);
    assertThat(queues.escalate(item.id(), "m1", "senior")).as("the lease went with the escalation").isFalse();
  }

  @Test
  void leasingToANamedReviewerRespectsExclusions() {
    QueueItem item = enqueue(3, null, List.of("first-reviewer"));

    assertThat(queues.leaseTo(item.id(), "first-reviewer", LEASE)).isFalse();
    assertThat(queues.leaseTo(item.id(), "second-reviewer", LEASE)).isTrue();
    assertThat(queues.find(item.id()).orElseThrow().leasedBy()).isEqualTo("second-reviewer");
    assertThat(claim("someone-else")).as("a leased item is not claimable").isEmpty();
  }

  private Optional<QueueItem> claim(String moderator) {
    return queues.claimNext(queue, moderator, ENGLISH, LEASE);
  }

  private QueueItem enqueue(int priority, String language) {
    return enqueue(priority, language, List.of());
  }

  private QueueItem enqueue(int priority, String language, List<String> excluded) {
    UUID caseId = UUID.randomUUID();
    jdbc.sql(
            "insert into cases (id, platform_id, external_id, author_id, surface, status) values (:id, 'p', :ext, 'a', 'comment', 'in_review')")
        .param("id", caseId)
        .param("ext", caseId.toString())
        .update();
    return queues.enqueue(new NewQueueItem(caseId, queue, QueueItem.Kind.REVIEW, language, priority, null, excluded, false));
  }
}
