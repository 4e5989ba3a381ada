package dev.arbiter.service.policy;

import dev.arbiter.policy.PolicyBundle;
import dev.arbiter.policy.PolicyLibrary;
import dev.arbiter.policy.backtest.BacktestReport;
import dev.arbiter.policy.backtest.Backtester;
import dev.arbiter.policy.backtest.PastCase;
import dev.arbiter.policy.backtest.ShadowEvaluation;
import dev.arbiter.policy.change.BacktestSummary;
import dev.arbiter.policy.change.DraftStatus;
import dev.arbiter.policy.change.PolicyChangeException;
import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.change.PolicyEvent;
import dev.arbiter.policy.change.PolicyVersion;
import dev.arbiter.policy.diff.PolicyDiff;
import dev.arbiter.policy.diff.PolicyDiffer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Policy change control in the service: the policy library's rules over the PostgreSQL store, with each
 * draft's review run as a policy-change workflow and every published version deployed to the engine.
 */
@Service
public class PolicyChanges {

  private static final Logger log = LoggerFactory.getLogger(PolicyChanges.class);
  private static final int SHADOW_EXAMPLES = 20;

  private final PolicyLibrary library;
  private final JdbcPolicyStore store;
  private final PolicyChangeProcess process;
  private final PastCases pastCases;
  private final String systemActor;
  private final Clock clock = Clock.systemUTC();

  public PolicyChanges(PolicyLibrary library, JdbcPolicyStore store, PolicyChangeProcess process, PastCases pastCases,
                       PolicyProperties properties) {
    this.library = library;
    this.store = store;
    this.process = process;
    this.pastCases = pastCases;
    this.systemActor = properties.systemActor();
  }

  /** Version 1 from the policy shipped with the library, when the store has no version yet. */
  public PolicyVersion initialise() {
    try {
      return library.initialise(PolicyBundle.shipped(), systemActor);
    } catch (PolicyChangeException anotherReplicaWasFirst) {
      return library.live();
    }
  }

  /** Validates and stores the draft, then starts its review workflow; the taxonomy defaults to the live one. */
  public PolicyDraft draft(String author, String rationale, String routingDmn, String taxonomyJson) {
    String taxonomy = taxonomyJson == null || taxonomyJson.isBlank() ? library.live().content().taxonomyJson() : taxonomyJson;
    PolicyDraft draft = library.createDraft(author, rationale, new PolicyBundle(taxonomy, routingDmn));
    startPendingWorkflows();
    return draft;
  }

  /** Starts the workflow of every open draft that has none yet: new drafts and those made while the engine was unreachable. */
  public void startPendingWorkflows() {
    for (String draftId : store.openDraftsWithoutWorkflow()) {
      store.attachProcessInstance(draftId, process.start(draft(draftId)));
    }
  }

  /**
   * Replays the most recent decided cases through the draft. An empty case store gives a report of zero cases,
   * so a new installation can still change its policy; the reviewer sees that nothing was replayed.
   */
  public BacktestReport backtest(String draftId, String actor) {
    PolicyDraft draft = draft(draftId);
    List<PastCase> cases = pastCases.sample();
    BacktestReport report;
    if (cases.isEmpty()) {
      if (draft.status() != DraftStatus.OPEN) {
        throw new PolicyChangeException("policy change " + draftId + " is " + draft.status() + " and cannot be backtested (it must be OPEN)");
      }
      report = Backtester.run(library.compiled(draft), draft.ref(), cases);
      store.saveDraft(draft.withBacktestSummary(new BacktestSummary(0, 0, clock.instant(), actor)));
      store.recordEvent(new PolicyEvent(clock.instant(), actor, PolicyEvent.Type.BACKTESTED, draftId,
          "no past cases to replay: 0 of 0 decisions would change"));
    } else {
      report = library.backtest(draftId, cases, actor);
    }
    store.saveBacktestReport(draftId, report);
    return report;
  }

  /** Approval by a second expert; repeating one's own approval changes nothing (a double click, a retry). */
  public PolicyDraft approve(String draftId, String reviewer, String comment) {
    PolicyDraft draft = draft(draftId);
    if (draft.status() == DraftStatus.PUBLISHED && reviewer.equals(draft.reviewer())) {
      return draft;
    }
    PolicyDraft approved = repeatedReview(draft, reviewer, DraftStatus.APPROVED).orElseGet(() -> library.approve(draftId, reviewer, comment));
    process.reviewed(draftId, reviewer, true);
    return approved;
  }

  public PolicyDraft reject(String draftId, String reviewer, String reason) {
    PolicyDraft draft = draft(draftId);
    PolicyDraft rejected = repeatedReview(draft, reviewer, DraftStatus.REJECTED).orElseGet(() -> library.reject(draftId, reviewer, reason));
    process.reviewed(draftId, reviewer, false);
    return rejected;
  }

  private static Optional<PolicyDraft> repeatedReview(PolicyDraft draft, String reviewer, DraftStatus outcome) {
    return draft.status() == outcome && reviewer.equals(draft.reviewer()) ? Optional.of(draft) : Optional.empty();
  }

  /**
   * Publishes the approved draft and deploys its routing table. A retried task (the engine did not hear the
   * first completion) finds the draft published and only deploys again, which the engine treats as unchanged.
   */
  public PolicyVersion publish(String draftId) {
    PolicyDraft draft = draft(draftId);
    PolicyVersion version = draft.status() == DraftStatus.PUBLISHED
        ? library.version(draft.publishedVersion()).orElseThrow()
        : library.publish(draftId, draft.reviewer());
    process.deployRouting(version);
    return version;
  }

  /** One action: the content of an earlier version becomes the next version, live at once and deployed. */
  public PolicyVersion rollback(int toVersion, String actor, String rationale) {
    PolicyVersion version = library.rollback(toVersion, actor, rationale);
    process.deployRouting(version);
    return version;
  }

  /** Writes how the change ended (published or rejected) to the change records, once. */
  public ClosedChange record(String draftId) {
    PolicyDraft draft = draft(draftId);
    String outcome = switch (draft.status()) {
      case PUBLISHED -> "published";
      case REJECTED -> "rejected";
      case OPEN, APPROVED -> throw new PolicyChangeException("policy change " + draftId + " is " + draft.status() + "; only a published or rejected change is recorded");
    };
    store.recordClosedChange(new ClosedChange(draftId, outcome, draft.publishedVersion(), store.processInstance(draftId).orElse(null), clock.instant()));
    return store.closedChange(draftId).orElseThrow();
  }

  /** Closes a draft nobody reviewed in time: it is rejected by the service, so it can no longer be approved. */
  public ClosedChange expire(String draftId) {
    PolicyDraft draft = draft(draftId);
    if (draft.status() == DraftStatus.OPEN) {
      store.saveDraft(draft.review(DraftStatus.REJECTED, systemActor, "expired: no review within the review period", clock.instant()));
      store.recordEvent(new PolicyEvent(clock.instant(), systemActor, PolicyEvent.Type.REJECTED, draftId, "expired: no review within the review period"));
      store.stopShadow(draftId, systemActor, clock.instant());
    }
    store.recordClosedChange(new ClosedChange(draftId, "expired", null, store.processInstance(draftId).orElse(null), clock.instant()));
    return store.closedChange(draftId).orElseThrow();
  }

  /** Starts or stops running the draft beside the live policy on new traffic. */
  public boolean shadow(String draftId, String actor, boolean running) {
    PolicyDraft draft = draft(draftId);
    if (running) {
      if (draft.status() != DraftStatus.OPEN && draft.status() != DraftStatus.APPROVED) {
        throw new PolicyChangeException("policy change " + draftId + " is " + draft.status() + "; only open or approved drafts run in shadow mode");
      }
      store.startShadow(draftId, actor, clock.instant());
    } else {
      store.stopShadow(draftId, actor, clock.instant());
    }
    log.info("shadow mode of policy change {} {} by {}", draftId, running ? "started" : "stopped", actor);
    return store.inShadowMode(draftId);
  }

  public PolicyDraft draft(String draftId) {
    return store.draft(draftId).orElseThrow(() -> new PolicyNotFoundException("there is no policy change " + draftId));
  }

  public PolicyVersion version(int number) {
    return library.version(number).orElseThrow(() -> new PolicyNotFoundException("there is no policy version v" + number));
  }

  /** What the reviewer reads next to the draft: its diff against the live version, the backtest, shadow results, how it ended. */
  public DraftReview review(String draftId) {
    PolicyDraft draft = draft(draftId);
    PolicyVersion live = library.live();
    PolicyDiff diff = PolicyDiffer.diff("v" + live.number(), library.compiled(live), draft.ref().label(), library.compiled(draft));
    List<ShadowEvaluation> shadows = store.shadowEvaluations(draftId);
    ShadowSummary shadow = new ShadowSummary(store.inShadowMode(draftId), shadows.size(),
        (int) shadows.stream().filter(ShadowEvaluation::diverged).count(),
        shadows.stream().filter(ShadowEvaluation::diverged).limit(SHADOW_EXAMPLES).toList());
    return new DraftReview(draft, diff, store.backtestReport(draftId).orElse(null), shadow, store.closedChange(draftId).orElse(null),
        store.processInstance(draftId).orElse(null));
  }

  /** A draft as its reviewer sees it; backtest, closed and processInstanceKey are null until those steps happen. */
  public record DraftReview(PolicyDraft draft, PolicyDiff diffAgainstLive, BacktestReport backtest, ShadowSummary shadow,
                            ClosedChange closed, Long processInstanceKey) {}

  /** Shadow mode of a draft: running or not, how many live cases it saw, on how many it would have decided otherwise. */
  public record ShadowSummary(boolean running, int evaluations, int diverged, List<ShadowEvaluation> divergedExamples) {}
}
