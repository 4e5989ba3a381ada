package dev.arbiter.classifiers;

/** Turns extracted content into signals. Implementations are thread-safe. */
public interface Classifier extends AutoCloseable {

    /** Name under which the registry knows this classifier. */
    String id();

    /** The model (or list, or bank) behind this classifier, as of now. */
    ModelVersion model();

    Signals classify(ExtractedContent content);

    @Override
    default void close() {
    }
}
