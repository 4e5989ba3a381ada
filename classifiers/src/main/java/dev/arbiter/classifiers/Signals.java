package dev.arbiter.classifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the classifiers say about one item: the policy routes on these.
 *
 * @param scores category to score in [0,1]
 * @param matches evidence (terms found, hashes matched)
 * @param flags boolean observations such as {@code coded}
 * @param explanations short human-readable snippets for the moderator
 * @param models every model that contributed, with the content hash of its artifact
 */
public record Signals(Map<String, Double> scores, List<Match> matches, Set<String> flags,
        List<String> explanations, List<ModelVersion> models) {

    public static final Signals NONE = new Signals(Map.of(), List.of(), Set.of(), List.of(), List.of());

    public Signals {
        scores.forEach((category, score) -> {
            if (score == null || score.isNaN() || score < 0.0 || score > 1.0) {
                throw new IllegalArgumentException("score for " + category + " must be in [0,1]: " + score);
            }
        });
        scores = Map.copyOf(scores);
        matches = List.copyOf(matches);
        flags = Set.copyOf(flags);
        explanations = List.copyOf(explanations);
        models = List.copyOf(models);
    }

    public double score(String category) {
        return scores.getOrDefault(category, 0.0);
    }

    public boolean flagged(String flag) {
        return flags.contains(flag);
    }

    /** Combines two results; for a category both scored, the higher score wins. */
    public Signals merge(Signals other) {
        Map<String, Double> mergedScores = new LinkedHashMap<>(scores);
        other.scores.forEach((category, score) -> mergedScores.merge(category, score, Math::max));
        List<Match> mergedMatches = new ArrayList<>(matches);
        mergedMatches.addAll(other.matches);
        Set<String> mergedFlags = new LinkedHashSet<>(flags);
        mergedFlags.addAll(other.flags);
        List<String> mergedExplanations = new ArrayList<>(explanations);
        mergedExplanations.addAll(other.explanations);
        List<ModelVersion> mergedModels = new ArrayList<>(models);
        other.models.stream().filter(model -> !mergedModels.contains(model)).forEach(mergedModels::add);
        return new Signals(mergedScores, mergedMatches, mergedFlags, mergedExplanations, mergedModels);
    }
}
