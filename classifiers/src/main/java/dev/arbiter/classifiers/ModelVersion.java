package dev.arbiter.classifiers;

import java.util.Objects;

/**
 * The exact model behind a signal: a decision that names it can be reproduced later.
 *
 * @param id stable name of the model, for example {@code spam-assassin-hashed-mlp}
 * @param version content hash of the model artifact ({@code sha256:...})
 */
public record ModelVersion(String id, String version) {

    public ModelVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
