package dev.arbiter.classifiers.imagehash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.Match;
import dev.arbiter.classifiers.MediaPart;
import dev.arbiter.classifiers.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashBankTest {

    static PdqHash randomHash(Random random) {
        return PdqHash.ofWords(new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()});
    }

    static PdqHash flipBits(PdqHash hash, int count, Random random) {
        long[] words = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
        List<Integer> bits = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            bits.add(i);
        }
        java.util.Collections.shuffle(bits, random);
        for (int i = 0; i < count; i++) {
            int bit = bits.get(i);
            words[bit >>> 6] ^= 1L << (bit & 63);
        }
        return PdqHash.ofWords(words);
    }

    @Test
    void indexFindsExactlyWhatABruteForceScanFinds() {
        Random random = new Random(7);
        HashBank bank = new HashBank("known");
        List<PdqHash> stored = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            PdqHash hash = randomHash(random);
            stored.add(hash);
            bank.add(hash, "label-" + i, "case-" + i);
        }
        for (int q = 0; q < 300; q++) {
            PdqHash near = flipBits(stored.get(random.nextInt(stored.size())), random.nextInt(48), random);
            int threshold = q % 2 == 0 ? 31 : 47;
            List<Integer> expected = stored.stream().map(near::distance).filter(d -> d <= threshold).sorted()
                    .toList();
            List<Integer> actual = bank.match(near, threshold).stream().map(HashBank.BankMatch::distance).toList();
            assertThat(actual).as("query %d", q).isEqualTo(expected);
        }
    }

    @Test
    void entriesCanBeRemovedByIdOrByHash() {
        Random random = new Random(3);
        HashBank bank = new HashBank("removals");
        PdqHash target = randomHash(random);
        HashBank.BankedHash first = bank.add(target, "scam-flyer", "case-1");
        bank.add(target, "scam-flyer", "partner-list");
        HashBank.BankedHash other = bank.add(randomHash(random), "other", "case-2");
        String before = bank.version();

        assertThat(bank.match(flipBits(target, 10, random), 31)).hasSize(2);
        assertThat(bank.remove(first.id())).isTrue();
        assertThat(bank.remove(first.id())).isFalse();
        assertThat(bank.match(target, 0)).singleElement()
                .satisfies(match -> assertThat(match.entry().source()).isEqualTo("partner-list"));
        assertThat(bank.removeHash(target)).isEqualTo(1);
        assertThat(bank.match(target, 31)).isEmpty();
        assertThat(bank.size()).isEqualTo(1);
        assertThat(bank.version()).isNotEqualTo(before);
        assertThat(bank.nearest(other.hash(), 0)).isPresent();
        assertThatThrownBy(() -> bank.add(target, "bad\tlabel", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bankSurvivesSaveAndLoadWithTheSameVersion(@TempDir Path dir) throws IOException {
        Random random = new Random(11);
        HashBank bank = new HashBank("saved");
        for (int i = 0; i < 100; i++) {
            bank.add(randomHash(random), "label " + (i % 3), "case-" + i);
        }
        Path file = dir.resolve("saved.tsv");
        bank.save(file);
        HashBank loaded = HashBank.load("saved", file);
        assertThat(loaded.size()).isEqualTo(100);
        assertThat(loaded.version()).isEqualTo(bank.version());
        Files.writeString(file, "not-a-hash\tlabel\tsource\n");
        assertThatThrownBy(() -> HashBank.load("broken", file)).isInstanceOf(IOException.class)
                .hasMessageContaining(":1:");
    }

    @Test
    void classifierMatchesModifiedCopiesOfBankedImagesOnly() {
        PdqHasher hasher = new PdqHasher();
        HashBank bank = new HashBank("removed-uploads");
        for (long seed = 200; seed < 205; seed++) {
            bank.add(hasher.hash(TestImages.scene(seed, 900, 700)).hash(), "scam-banner", "case-" + seed);
        }
        ImageHashClassifier classifier = new ImageHashClassifier("image-hashes", List.of(bank),
                ImageHashClassifier.DEFAULT_MAX_DISTANCE);
        byte[] repost = TestImages.jpeg(TestImages.resize(TestImages.scene(202, 900, 700), 450, 350), 0.7f);
        byte[] unrelated = TestImages.png(TestImages.scene(999, 900, 700));
        ExtractedContent content = new ExtractedContent("message/rfc822", "see attached", Optional.empty(),
                List.of(new MediaPart("repost.jpg", "image/jpeg", repost),
                        new MediaPart("holiday.png", "image/png", unrelated)),
                Map.of(), false);

        Signals signals = classifier.classify(content);

        assertThat(signals.flagged(ImageHashClassifier.KNOWN_IMAGE)).isTrue();
        assertThat(signals.score(ImageHashClassifier.KNOWN_IMAGE)).isGreaterThan(0.5);
        assertThat(signals.matches()).singleElement().isInstanceOfSatisfying(Match.HashMatch.class, match -> {
            assertThat(match.mediaPart()).isEqualTo("repost.jpg");
            assertThat(match.source()).isEqualTo("case-202");
            assertThat(match.label()).isEqualTo("scam-banner");
        });
        assertThat(signals.models()).singleElement()
                .satisfies(model -> assertThat(model.version()).startsWith("sha256:"));
        assertThat(classifier.classify(ExtractedContent.ofText("no images")).flags()).isEmpty();
    }

    @Test
    void matchesAreSortedNearestFirst() {
        Random random = new Random(5);
        HashBank bank = new HashBank("order");
        PdqHash base = randomHash(random);
        for (int flips : new int[] {20, 3, 11}) {
            bank.add(flipBits(base, flips, random), "l", "s" + flips);
        }
        assertThat(bank.match(base, 31)).extracting(HashBank.BankMatch::distance)
                .isSortedAccordingTo(Comparator.naturalOrder()).containsExactly(3, 11, 20);
    }
}
