package dev.arbiter.policy;

import dev.arbiter.policy.backtest.BacktestReport;
import dev.arbiter.policy.backtest.Backtester;
import dev.arbiter.policy.backtest.PastCase;
import dev.arbiter.policy.backtest.ShadowEvaluation;
import dev.arbiter.policy.change.BacktestSummary;
import dev.arbiter.policy.change.DraftStatus;
import dev.arbiter.policy.change.FourEyesViolationException;
import dev.arbiter.policy.change.PolicyChangeException;
import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.change.PolicyEvent;
import dev.arbiter.policy.change.PolicyStore;
import dev.arbiter.policy.change.PolicyVersion;
import dev.arbiter.policy.diff.PolicyDiff;
import dev.arbiter.policy.diff.PolicyDiffer;
import dev.arbiter.policy.routing.RoutingDecision;
import dev.arbiter.policy.routing.RoutingSignals;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The policy library's entry point: change control (draft, backtest, approve by a second expert, publish,
 * roll back), reading (versions, diffs, change log) and evaluation (live and shadow). Every result names
 * the policy version that produced it. The service exposes these methods over HTTP and job workers.
 */
public final class PolicyLibrary {

    private final PolicyStore store;
    private final PolicyCompiler compiler;
    private final Clock clock;

    public PolicyLibrary(PolicyStore store, PolicyCompiler compiler, Clock clock) {
        this.store = store;
        this.compiler = compiler;
        this.clock = clock;
    }

    /** Publishes the given content as version 1 when the store holds no version yet; otherwise returns the live version. */
    public synchronized PolicyVersion initialise(PolicyBundle content, String actor) {
        Optional<PolicyVersion> latest = store.latestVersion();
        if (latest.isPresent()) {
            return latest.get();
        }
        required(actor, "actor");
        CompiledPolicy compiled = compiler.compile(content);
        PolicyVersion first = new PolicyVersion(1, content, compiled.contentHash(), actor, actor, actor, clock.instant(),
                "initial policy", null, null);
        store.publish(first, Optional.empty());
        store.recordEvent(new PolicyEvent(clock.instant(), actor, PolicyEvent.Type.PUBLISHED, "v1", "initial policy"));
        return first;
    }

    /** Validates the content (refusing it with {@link PolicyValidationException}) and records it as an open draft. */
    public PolicyDraft createDraft(String author, String rationale, PolicyBundle content) {
        required(author, "author");
        required(rationale, "rationale");
        CompiledPolicy compiled = compiler.compile(content);
        PolicyVersion live = live();
        if (compiled.contentHash().equals(live.contentHash())) {
            throw new PolicyChangeException("the draft is identical to the live policy v" + live.number() + "; there is nothing to review");
        }
        PolicyDraft draft = new PolicyDraft(store.nextDraftId(), author, rationale, content, compiled.contentHash(), live.number(),
                clock.instant(), DraftStatus.OPEN, null, null, null, null, null);
        store.saveDraft(draft);
        store.recordEvent(new PolicyEvent(clock.instant(), author, PolicyEvent.Type.DRAFTED, draft.id(),
                "based on v" + live.number() + ": " + rationale + warningsNote(compiled)));
        return draft;
    }

    /** Replays past cases through the draft and keeps the headline with the draft for its reviewer. */
    public BacktestReport backtest(String draftId, List<PastCase> cases, String actor) {
        required(actor, "actor");
        PolicyDraft draft = draft(draftId);
        requireStatus(draft, DraftStatus.OPEN, "backtested");
        if (cases.isEmpty()) {
            throw new PolicyChangeException("a backtest needs at least one past case");
        }
        BacktestReport report = Backtester.run(compiled(draft), draft.ref(), cases);
        store.saveDraft(draft.withBacktestSummary(new BacktestSummary(report.cases(), report.changed(), clock.instant(), actor)));
        store.recordEvent(new PolicyEvent(clock.instant(), actor, PolicyEvent.Type.BACKTESTED, draftId,
                report.changed() + " of " + report.cases() + " decisions would change"));
        return report;
    }

    /** Approval by a second policy expert: never the author, and only after a backtest. */
    public PolicyDraft approve(String draftId, String approver, String comment) {
        required(approver, "approver");
        PolicyDraft draft = draft(draftId);
        requireSecondExpert(draft, approver, "approve");
        requireStatus(draft, DraftStatus.OPEN, "approved");
        if (draft.backtest() == null) {
            throw new PolicyChangeException("policy change " + draftId + " has not been backtested; run a backtest so the approver can see what it changes");
        }
        PolicyDraft approved = draft.review(DraftStatus.APPROVED, approver, comment, clock.instant());
        store.saveDraft(approved);
        store.recordEvent(new PolicyEvent(clock.instant(), approver, PolicyEvent.Type.APPROVED, draftId, comment == null ? "" : comment));
        return approved;
    }

    /** Rejection by a second policy expert; the draft stays on record but can no longer be published. */
    public PolicyDraft reject(String draftId, String reviewer, String reason) {
        required(reviewer, "reviewer");
        required(reason, "reason");
        PolicyDraft draft = draft(draftId);
        requireSecondExpert(draft, reviewer, "reject");
        requireStatus(draft, DraftStatus.OPEN, "rejected");
        PolicyDraft rejected = draft.review(DraftStatus.REJECTED, reviewer, reason, clock.instant());
        store.saveDraft(rejected);
        store.recordEvent(new PolicyEvent(clock.instant(), reviewer, PolicyEvent.Type.REJECTED, draftId, reason));
        return rejected;
    }

    /** Publishes an approved draft as the next version; refused when another version went live since it was drafted. */
    public synchronized PolicyVersion publish(String draftId, String publisher) {
        required(publisher, "publisher");
        PolicyDraft draft = draft(draftId);
        requireStatus(draft, DraftStatus.APPROVED, "published");
        PolicyVersion live = live();
        if (live.number() != draft.baseVersion()) {
            throw new PolicyChangeException("policy change " + draftId + " was drafted against v" + draft.baseVersion() + " but v" + live.number()
                    + " is live now; draft it again from v" + live.number() + " so the review covers the current policy");
        }
        int number = live.number() + 1;
        PolicyVersion version = new PolicyVersion(number, draft.content(), draft.contentHash(), draft.author(), draft.reviewer(), publisher,
                clock.instant(), draft.rationale(), draftId, null);
        store.publish(version, Optional.of(draft.publishedAs(number)));
        store.recordEvent(new PolicyEvent(clock.instant(), publisher, PolicyEvent.Type.PUBLISHED, "v" + number, "from " + draftId));
        return version;
    }

    /** One action: republishes the content of an earlier version as a new version, so history is never rewritten. */
    public synchronized PolicyVersion rollback(int toVersion, String actor, String rationale) {
        required(actor, "actor");
        required(rationale, "rationale");
        PolicyVersion target = version(toVersion).orElseThrow(() -> new PolicyChangeException("there is no version v" + toVersion));
        PolicyVersion live = live();
        if (target.contentHash().equals(live.contentHash())) {
            throw new PolicyChangeException("v" + toVersion + " has the same content as the live v" + live.number() + "; nothing to roll back");
        }
        int number = live.number() + 1;
        PolicyVersion version = new PolicyVersion(number, target.content(), target.contentHash(), target.author(), target.approver(), actor,
                clock.instant(), rationale, null, toVersion);
        store.publish(version, Optional.empty());
        store.recordEvent(new PolicyEvent(clock.instant(), actor, PolicyEvent.Type.ROLLED_BACK, "v" + number,
                "restores v" + toVersion + " (was v" + live.number() + "): " + rationale));
        return version;
    }

    public PolicyVersion live() {
        return store.latestVersion().orElseThrow(() -> new PolicyChangeException("no policy is published yet; call initialise first"));
    }

    public List<PolicyVersion> versions() {
        return store.versions();
    }

    public Optional<PolicyVersion> version(int number) {
        return store.version(number);
    }

    public List<PolicyDraft> drafts() {
        return store.drafts();
    }

    public PolicyDraft draft(String draftId) {
        return store.draft(draftId).orElseThrow(() -> new PolicyChangeException("there is no policy change " + draftId));
    }

    /** The change log: every draft, backtest, review, publish and rollback, oldest first. */
    public List<PolicyEvent> changeLog() {
        return store.events();
    }

    public CompiledPolicy compiled(PolicyVersion version) {
        return compiler.compile(version.content(), version.contentHash());
    }

    public CompiledPolicy compiled(PolicyDraft draft) {
        return compiler.compile(draft.content(), draft.contentHash());
    }

    public PolicyDiff diff(int fromVersion, int toVersion) {
        PolicyVersion from = version(fromVersion).orElseThrow(() -> new PolicyChangeException("there is no version v" + fromVersion));
        PolicyVersion to = version(toVersion).orElseThrow(() -> new PolicyChangeException("there is no version v" + toVersion));
        return PolicyDiffer.diff("v" + fromVersion, compiled(from), "v" + toVersion, compiled(to));
    }

    /** What a draft changes against the version it was drafted from. */
    public PolicyDiff diffDraft(String draftId) {
        PolicyDraft draft = draft(draftId);
        PolicyVersion base = version(draft.baseVersion()).orElseThrow();
        return PolicyDiffer.diff("v" + base.number(), compiled(base), draft.ref().label(), compiled(draft));
    }

    /** Routes a case with the live policy; the decision names the version. */
    public RoutingDecision evaluate(RoutingSignals signals) {
        PolicyVersion live = live();
        return compiled(live).evaluate(signals, live.ref());
    }

    /** Runs an open or approved draft beside the live policy on a live case and records what it would have done. */
    public ShadowEvaluation shadow(String draftId, String caseId, RoutingSignals signals) {
        required(caseId, "caseId");
        PolicyDraft draft = draft(draftId);
        if (draft.status() != DraftStatus.OPEN && draft.status() != DraftStatus.APPROVED) {
            throw new PolicyChangeException("policy change " + draftId + " is " + draft.status() + "; only open or approved drafts run in shadow mode");
        }
        ShadowEvaluation evaluation = new ShadowEvaluation(caseId, draftId, evaluate(signals), compiled(draft).evaluate(signals, draft.ref()),
                clock.instant());
        store.recordShadow(evaluation);
        return evaluation;
    }

    public List<ShadowEvaluation> shadowEvaluations(String draftId) {
        return store.shadowEvaluations(draftId);
    }

    private static void requireSecondExpert(PolicyDraft draft, String reviewer, String verb) {
        if (reviewer.equals(draft.author())) {
            throw new FourEyesViolationException("policy change " + draft.id() + " was drafted by " + draft.author()
                    + "; the author cannot " + verb + " their own change, a second policy expert must review it");
        }
    }

    private static void requireStatus(PolicyDraft draft, DraftStatus expected, String verb) {
        if (draft.status() != expected) {
            throw new PolicyChangeException("policy change " + draft.id() + " is " + draft.status() + " and cannot be " + verb
                    + " (it must be " + expected + ")");
        }
    }

    private static String warningsNote(CompiledPolicy compiled) {
        return compiled.warnings().isEmpty() ? "" : " (warnings: " + compiled.warnings() + ")";
    }

    private static void required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
