package dev.arbiter.classifiers.spam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well spam probabilities separate spam from ham on messages the model never saw.
 *
 * @param calibration ten equal-width probability bins: how often messages scored in a bin really were spam
 */
public record SpamEvaluation(int messages, int spam, int ham, double threshold, int truePositives,
        int falsePositives, int trueNegatives, int falseNegatives, double precision, double recall, double f1,
        double accuracy, double rocAuc, List<CalibrationBin> calibration) {

    /** One bin of the calibration table. */
    public record CalibrationBin(double from, double to, int count, double meanPredicted, double observedSpamRate) {
    }

    public static SpamEvaluation of(List<Boolean> isSpam, List<Double> probabilities, double threshold) {
        if (isSpam.size() != probabilities.size() || isSpam.isEmpty()) {
            throw new IllegalArgumentException("need one probability per label, and at least one of each");
        }
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < isSpam.size(); i++) {
            boolean predicted = probabilities.get(i) >= threshold;
            if (isSpam.get(i)) {
                tp += predicted ? 1 : 0;
                fn += predicted ? 0 : 1;
            } else {
                fp += predicted ? 1 : 0;
                tn += predicted ? 0 : 1;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double accuracy = (double) (tp + tn) / isSpam.size();
        return new SpamEvaluation(isSpam.size(), tp + fn, tn + fp, threshold, tp, fp, tn, fn, precision, recall, f1,
                accuracy, rocAuc(isSpam, probabilities), calibration(isSpam, probabilities));
    }

    /** Area under the ROC curve as the Mann-Whitney statistic, ties counted half. */
    static double rocAuc(List<Boolean> isSpam, List<Double> probabilities) {
        Integer[] order = new Integer[isSpam.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(probabilities::get));
        double[] ranks = new double[order.length];
        for (int i = 0; i < order.length;) {
            int j = i;
            while (j + 1 < order.length && probabilities.get(order[j + 1]).equals(probabilities.get(order[i]))) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = averageRank;
            }
            i = j + 1;
        }
        long positives = isSpam.stream().filter(Boolean::booleanValue).count();
        long negatives = isSpam.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (isSpam.get(i)) {
                rankSum += ranks[i];
            }
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static List<CalibrationBin> calibration(List<Boolean> isSpam, List<Double> probabilities) {
        int bins = 10;
        int[] counts = new int[bins];
        double[] predicted = new double[bins];
        int[] spam = new int[bins];
        for (int i = 0; i < isSpam.size(); i++) {
            double p = probabilities.get(i);
            int bin = Math.min(bins - 1, (int) (p * bins));
            counts[bin]++;
            predicted[bin] += p;
            spam[bin] += isSpam.get(i) ? 1 : 0;
        }
        List<CalibrationBin> table = new ArrayList<>();
        for (int bin = 0; bin < bins; bin++) {
            table.add(new CalibrationBin(bin / 10.0, (bin + 1) / 10.0, counts[bin],
                    counts[bin] == 0 ? 0 : predicted[bin] / counts[bin],
                    counts[bin] == 0 ? 0 : (double) spam[bin] / counts[bin]));
        }
        return List.copyOf(table);
    }
}
