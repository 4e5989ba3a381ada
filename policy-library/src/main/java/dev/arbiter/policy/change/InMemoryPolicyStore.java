package dev.arbiter.policy.change;

import dev.arbiter.policy.backtest.ShadowEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A thread-safe {@link PolicyStore} in memory. */
public final class InMemoryPolicyStore implements PolicyStore {

    private final Map<String, PolicyDraft> drafts = new LinkedHashMap<>();
    private final List<PolicyVersion> versions = new ArrayList<>();
    private final List<PolicyEvent> events = new ArrayList<>();
    private final List<ShadowEvaluation> shadows = new ArrayList<>();
    private int draftSequence;

    @Override
    public synchronized String nextDraftId() {
        return "d" + (++draftSequence);
    }

    @Override
    public synchronized void saveDraft(PolicyDraft draft) {
        drafts.put(draft.id(), draft);
    }

    @Override
    public synchronized Optional<PolicyDraft> draft(String id) {
        return Optional.ofNullable(drafts.get(id));
    }

    @Override
    public synchronized List<PolicyDraft> drafts() {
        return List.copyOf(drafts.values());
    }

    @Override
    public synchronized void publish(PolicyVersion version, Optional<PolicyDraft> publishedDraft) {
        if (version.number() != versions.size() + 1) {
            throw new PolicyChangeException("version " + version.number() + " cannot be published: v" + versions.size()
                    + " is the latest, so the next number is " + (versions.size() + 1));
        }
        versions.add(version);
        publishedDraft.ifPresent(d -> drafts.put(d.id(), d));
    }

    @Override
    public synchronized Optional<PolicyVersion> version(int number) {
        return number >= 1 && number <= versions.size() ? Optional.of(versions.get(number - 1)) : Optional.empty();
    }

    @Override
    public synchronized Optional<PolicyVersion> latestVersion() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    @Override
    public synchronized List<PolicyVersion> versions() {
        return List.copyOf(versions);
    }

    @Override
    public synchronized void recordEvent(PolicyEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<PolicyEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void recordShadow(ShadowEvaluation evaluation) {
        shadows.add(evaluation);
    }

    @Override
    public synchronized List<ShadowEvaluation> shadowEvaluations(String draftId) {
        return shadows.stream().filter(s -> s.draftId().equals(draftId)).toList();
    }
}
