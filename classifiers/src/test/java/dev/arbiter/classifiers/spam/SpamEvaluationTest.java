package dev.arbiter.classifiers.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpamEvaluationTest {

    @Test
    void countsAndRatesFollowTheirDefinitions() {
        List<Boolean> spam = List.of(true, true, true, false, false, false, false);
        List<Double> p = List.of(0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.05);
        SpamEvaluation e = SpamEvaluation.of(spam, p, 0.5);
        assertThat(e.truePositives()).isEqualTo(2);
        assertThat(e.falseNegatives()).isEqualTo(1);
        assertThat(e.falsePositives()).isEqualTo(1);
        assertThat(e.trueNegatives()).isEqualTo(3);
        assertThat(e.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.f1()).isCloseTo(2.0 / 3, within(1e-12));
        // 12 spam/ham pairs; the ham at 0.6 outranks the spam at 0.3: 11 of 12 pairs ordered right
        assertThat(e.rocAuc()).isCloseTo(11.0 / 12, within(1e-12));
        assertThat(e.calibration().get(9).count()).isEqualTo(1);
        assertThat(e.calibration().get(8).observedSpamRate()).isEqualTo(1.0);
        assertThat(e.calibration().get(6).observedSpamRate()).isEqualTo(0.0);
    }

    @Test
    void tiesCountHalfInTheAuc() {
        SpamEvaluation e = SpamEvaluation.of(List.of(true, false), List.of(0.5, 0.5), 0.5);
        assertThat(e.rocAuc()).isEqualTo(0.5);
    }
}
