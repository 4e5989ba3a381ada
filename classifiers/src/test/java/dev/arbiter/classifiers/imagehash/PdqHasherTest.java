package dev.arbiter.classifiers.imagehash;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdqHasherTest {

    private static final int SAME = ImageHashClassifier.DEFAULT_MAX_DISTANCE;
    private final PdqHasher hasher = new PdqHasher();

    private PdqHash hash(byte[] encoded) {
        return hasher.hash(encoded).orElseThrow().hash();
    }

    @Test
    void hashIsBalancedAroundTheMedianAndDeterministic() {
        BufferedImage image = TestImages.scene(1, 640, 480);
        PdqHasher.Result result = hasher.hash(image);
        assertThat(result.hash().bitCount()).isEqualTo(128);
        assertThat(result.hash()).isEqualTo(hasher.hash(image).hash());
        assertThat(result.quality()).isGreaterThanOrEqualTo(PdqHasher.MIN_USEFUL_QUALITY);
        assertThat(PdqHash.fromHex(result.hash().toHex())).isEqualTo(result.hash());
    }

    @Test
    void resizedReencodedAndSlightlyCroppedCopiesMatch() {
        List<Integer> distances = new ArrayList<>();
        for (long seed = 10; seed < 20; seed++) {
            BufferedImage original = TestImages.scene(seed, 800, 600);
            PdqHash reference = hash(TestImages.png(original));
            PdqHash half = hash(TestImages.png(TestImages.resize(original, 400, 300)));
            PdqHash thumbnail = hash(TestImages.png(TestImages.resize(original, 160, 120)));
            PdqHash stretched = hash(TestImages.png(TestImages.resize(original, 1024, 600)));
            PdqHash jpeg = hash(TestImages.jpeg(original, 0.6f));
            PdqHash smallJpeg = hash(TestImages.jpeg(TestImages.resize(original, 320, 240), 0.5f));
            PdqHash cropped = hash(TestImages.png(TestImages.crop(original, 0.02)));
            List<PdqHash> copies = List.of(half, thumbnail, stretched, jpeg, smallJpeg, cropped);
            List<Integer> seen = copies.stream().map(reference::distance).toList();
            distances.addAll(seen);
            assertThat(seen).as("seed %d: half, thumbnail, stretched, jpeg, small jpeg, cropped", seed)
                    .allSatisfy(distance -> assertThat(distance).isLessThanOrEqualTo(SAME));
        }
        assertThat(distances.stream().mapToInt(Integer::intValue).average().orElseThrow()).isLessThan(16);
    }

    @Test
    void differentImagesDoNotMatch() {
        List<PdqHash> hashes = new ArrayList<>();
        for (long seed = 100; seed < 130; seed++) {
            hashes.add(hash(TestImages.png(TestImages.scene(seed, 512, 512))));
        }
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = i + 1; j < hashes.size(); j++) {
                assertThat(hashes.get(i).distance(hashes.get(j))).as("images %d and %d", i, j).isGreaterThan(SAME + 20);
            }
        }
    }

    @Test
    void flatImagesAreMarkedUseless() {
        BufferedImage grey = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        grey.createGraphics().fillRect(0, 0, 300, 300);
        assertThat(hasher.hash(grey).useful()).isFalse();
        assertThat(hasher.hash(new byte[] {1, 2, 3})).isEmpty();
    }
}
