package dev.arbiter.classifiers;

/**
 * Keeps DJL from downloading anything at run time: the PyTorch native library comes from the
 * {@code pytorch-native-cpu} jar on the class path, and models come from local directories.
 */
public final class DjlOffline {

    public static final String PROPERTY = "ai.djl.offline";

    private DjlOffline() {
    }

    /** Turns DJL's offline mode on unless the application chose explicitly; call before DJL first loads. */
    public static void enforce() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }

    public static boolean active() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY));
    }
}
