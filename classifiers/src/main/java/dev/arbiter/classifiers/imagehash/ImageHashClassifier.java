package dev.arbiter.classifiers.imagehash;

import dev.arbiter.classifiers.ArtifactHash;
import dev.arbiter.classifiers.Classifier;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.Match;
import dev.arbiter.classifiers.MediaPart;
import dev.arbiter.classifiers.ModelVersion;
import dev.arbiter.classifiers.Signals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Matches every image of the content against the hash banks by PDQ Hamming distance. */
public final class ImageHashClassifier implements Classifier {

    public static final String KNOWN_IMAGE = "known-image";
    /** The distance the PDQ authors suggest for "same image": 31 of 256 bits. */
    public static final int DEFAULT_MAX_DISTANCE = 31;

    private final String id;
    private final List<HashBank> banks;
    private final int maxDistance;
    private final PdqHasher hasher = new PdqHasher();

    public ImageHashClassifier(String id, List<HashBank> banks, int maxDistance) {
        this.id = id;
        this.banks = List.copyOf(banks);
        this.maxDistance = maxDistance;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ModelVersion model() {
        String versions = banks.stream().map(bank -> bank.name() + "=" + bank.version())
                .collect(Collectors.joining(","));
        return new ModelVersion("pdq-1/" + banks.stream().map(HashBank::name).collect(Collectors.joining("+")),
                ArtifactHash.of(versions.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Signals classify(ExtractedContent content) {
        List<Match> matches = new ArrayList<>();
        List<String> explanations = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        double best = 0.0;
        for (MediaPart part : content.mediaParts()) {
            if (!part.isImage()) {
                continue;
            }
            Optional<PdqHasher.Result> hashed = hasher.hash(part.bytes());
            if (hashed.isEmpty()) {
                explanations.add("image " + part.name() + " could not be decoded for hashing");
                continue;
            }
            if (!hashed.get().useful()) {
                explanations.add("image " + part.name() + " is too flat to hash (quality " + hashed.get().quality()
                        + ")");
                continue;
            }
            for (HashBank bank : banks) {
                for (HashBank.BankMatch hit : bank.match(hashed.get().hash(), maxDistance)) {
                    matches.add(new Match.HashMatch(KNOWN_IMAGE, part.name(), bank.name(), hit.entry().label(),
                            hit.entry().source(), hit.distance()));
                    explanations.add("image " + part.name() + " is within " + hit.distance() + " bits of a hash in "
                            + bank.name() + " labelled " + hit.entry().label() + " (" + hit.entry().source() + ")");
                    flags.add(KNOWN_IMAGE);
                    best = Math.max(best, 1.0 - hit.distance() / 64.0);
                }
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put(KNOWN_IMAGE, best);
        return new Signals(scores, matches, flags, explanations, List.of(model()));
    }
}
