package dev.arbiter.classifiers.imagehash;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * PDQ perceptual hashing, written from Facebook's published description of the algorithm ("The TMK+PDQF and PDQ
 * hashing algorithms"): luminance, a Jarosz (repeated box) filter and decimation to 64x64, a 16x16 block of the
 * DCT without its DC row and column, and one bit per coefficient against the median. The quality metric is the sum
 * of luminance gradients of the 64x64 image; hashes of quality below 50 are too flat to trust. Thread-safe.
 */
public final class PdqHasher {

    /** Below this quality the image is too featureless for its hash to mean anything. */
    public static final int MIN_USEFUL_QUALITY = 50;

    private static final int DOWNSAMPLED = 64;
    private static final int DCT_SIZE = 16;
    private static final int JAROSZ_PASSES = 2;
    private static final double GRADIENT_PER_QUALITY_POINT = 90.0;

    /** Rows of the DCT-II basis for frequencies 1..16 (the DC term 0 carries no structure). */
    private static final double[][] DCT = dctMatrix();

    /** A hash and its quality (0..100). */
    public record Result(PdqHash hash, int quality) {

        public boolean useful() {
            return quality >= MIN_USEFUL_QUALITY;
        }
    }

    /** Hashes encoded image bytes (PNG, JPEG, GIF, BMP); empty when Java cannot decode them. */
    public Optional<Result> hash(byte[] encodedImage) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encodedImage));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return image == null ? Optional.empty() : Optional.of(hash(image));
    }

    public Result hash(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] luma = luminance(image, width, height);
        float[] spare = new float[luma.length];
        int windowAcross = jaroszWindow(width);
        int windowDown = jaroszWindow(height);
        float[] scratch = new float[width];
        for (int pass = 0; pass < JAROSZ_PASSES; pass++) {
            boxRows(luma, width, height, windowAcross, scratch);
            boxColumns(luma, spare, width, height, windowDown);
            float[] swap = luma;
            luma = spare;
            spare = swap;
        }
        double[][] small = decimate(luma, width, height);
        int quality = quality(small);
        double[][] coefficients = dct16(small);
        return new Result(threshold(coefficients), quality);
    }

    /** BT.601 luma weights, as the description prescribes; reads packed RGB pixels directly when it can. */
    private static float[] luminance(BufferedImage image, int width, int height) {
        float[] luma = new float[width * height];
        boolean packed = (image.getType() == BufferedImage.TYPE_INT_RGB
                || image.getType() == BufferedImage.TYPE_INT_ARGB)
                && image.getRaster().getDataBuffer() instanceof DataBufferInt
                && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == width && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0;
        int[] row = packed ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData() : new int[width];
        for (int y = 0; y < height; y++) {
            int offset = packed ? y * width : 0;
            if (!packed) {
                image.getRGB(0, y, width, 1, row, 0, width);
            }
            for (int x = 0; x < width; x++) {
                int rgb = row[offset + x];
                luma[y * width + x] = 0.299f * ((rgb >> 16) & 0xFF) + 0.587f * ((rgb >> 8) & 0xFF)
                        + 0.114f * (rgb & 0xFF);
            }
        }
        return luma;
    }

    /** Box width so that two passes of the box smooth over one output cell: ceil(size / (2 * 64)). */
    private static int jaroszWindow(int size) {
        return Math.max(1, (size + 2 * DOWNSAMPLED - 1) / (2 * DOWNSAMPLED));
    }

    private static void boxRows(float[] data, int width, int height, int window, float[] scratch) {
        for (int y = 0; y < height; y++) {
            box(data, y * width, width, window, scratch);
        }
    }

    /** The same moving average down the columns, one row at a time so that memory is read in order. */
    private static void boxColumns(float[] in, float[] out, int width, int height, int window) {
        if (window <= 1) {
            System.arraycopy(in, 0, out, 0, in.length);
            return;
        }
        int before = window / 2;
        int after = window - 1 - before;
        double[] sums = new double[width];
        int lo = 0;
        int hi = -1;
        for (int y = 0; y < height; y++) {
            int wantHi = Math.min(height - 1, y + after);
            int wantLo = Math.max(0, y - before);
            while (hi < wantHi) {
                hi++;
                int base = hi * width;
                for (int x = 0; x < width; x++) {
                    sums[x] += in[base + x];
                }
            }
            while (lo < wantLo) {
                int base = lo * width;
                for (int x = 0; x < width; x++) {
                    sums[x] -= in[base + x];
                }
                lo++;
            }
            double scale = 1.0 / (hi - lo + 1);
            int base = y * width;
            for (int x = 0; x < width; x++) {
                out[base + x] = (float) (sums[x] * scale);
            }
        }
    }

    /** Centred moving average of {@code count} consecutive values, the window shrinking at the edges. */
    private static void box(float[] data, int offset, int count, int window, float[] scratch) {
        if (window <= 1) {
            return;
        }
        int before = window / 2;
        int after = window - 1 - before;
        double sum = 0;
        int lo = 0;
        int hi = -1;
        for (int i = 0; i < count; i++) {
            int wantHi = Math.min(count - 1, i + after);
            int wantLo = Math.max(0, i - before);
            while (hi < wantHi) {
                hi++;
                sum += data[offset + hi];
            }
            while (lo < wantLo) {
                sum -= data[offset + lo];
                lo++;
            }
            scratch[i] = (float) (sum / (hi - lo + 1));
        }
        for (int i = 0; i < count; i++) {
            data[offset + i] = scratch[i];
        }
    }

    /** Samples the filtered image at the centres of a 64x64 grid. */
    private static double[][] decimate(float[] data, int width, int height) {
        double[][] small = new double[DOWNSAMPLED][DOWNSAMPLED];
        for (int i = 0; i < DOWNSAMPLED; i++) {
            int y = (int) ((i + 0.5) * height / DOWNSAMPLED);
            for (int j = 0; j < DOWNSAMPLED; j++) {
                int x = (int) ((j + 0.5) * width / DOWNSAMPLED);
                small[i][j] = data[y * width + x];
            }
        }
        return small;
    }

    /** Sum of neighbour differences in whole percent of full scale, 90 per quality point, capped at 100. */
    private static int quality(double[][] small) {
        long gradient = 0;
        for (int i = 0; i < DOWNSAMPLED; i++) {
            for (int j = 0; j < DOWNSAMPLED; j++) {
                if (i + 1 < DOWNSAMPLED) {
                    gradient += (long) (Math.abs(small[i + 1][j] - small[i][j]) * 100 / 255);
                }
                if (j + 1 < DOWNSAMPLED) {
                    gradient += (long) (Math.abs(small[i][j + 1] - small[i][j]) * 100 / 255);
                }
            }
        }
        return (int) Math.min(100, gradient / GRADIENT_PER_QUALITY_POINT);
    }

    /** B = D A D^T with D the 16x64 DCT basis. */
    private static double[][] dct16(double[][] small) {
        double[][] half = new double[DCT_SIZE][DOWNSAMPLED];
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int k = 0; k < DOWNSAMPLED; k++) {
                double sum = 0;
                for (int j = 0; j < DOWNSAMPLED; j++) {
                    sum += DCT[i][j] * small[j][k];
                }
                half[i][k] = sum;
            }
        }
        double[][] out = new double[DCT_SIZE][DCT_SIZE];
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < DCT_SIZE; j++) {
                double sum = 0;
                for (int k = 0; k < DOWNSAMPLED; k++) {
                    sum += half[i][k] * DCT[j][k];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    private static PdqHash threshold(double[][] coefficients) {
        double[] values = new double[DCT_SIZE * DCT_SIZE];
        for (int i = 0; i < DCT_SIZE; i++) {
            System.arraycopy(coefficients[i], 0, values, i * DCT_SIZE, DCT_SIZE);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        boolean[] bits = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = values[i] > median;
        }
        return PdqHash.fromBits(bits);
    }

    private static double[][] dctMatrix() {
        double[][] matrix = new double[DCT_SIZE][DOWNSAMPLED];
        double scale = Math.sqrt(2.0 / DOWNSAMPLED);
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < DOWNSAMPLED; j++) {
                matrix[i][j] = scale * Math.cos(Math.PI / 2 / DOWNSAMPLED * (i + 1) * (2 * j + 1));
            }
        }
        return matrix;
    }
}
