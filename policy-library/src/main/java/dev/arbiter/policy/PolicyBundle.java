package dev.arbiter.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The versioned unit of policy: the taxonomy (JSON) and the routing decision table (DMN XML).
 * Both change together under the same draft, approval and version number.
 */
public record PolicyBundle(String taxonomyJson, String routingDmn) {

    public static final String TAXONOMY_RESOURCE = "policy/taxonomy.json";
    public static final String ROUTING_RESOURCE = "policy/routing.dmn";

    public PolicyBundle {
        if (taxonomyJson == null || taxonomyJson.isBlank()) {
            throw new IllegalArgumentException("taxonomy JSON is empty");
        }
        if (routingDmn == null || routingDmn.isBlank()) {
            throw new IllegalArgumentException("routing DMN is empty");
        }
    }

    /** The default policy shipped with this library (the resources under policy/). */
    public static PolicyBundle shipped() {
        return new PolicyBundle(resource(TAXONOMY_RESOURCE), resource(ROUTING_RESOURCE));
    }

    public PolicyBundle withRoutingDmn(String dmn) {
        return new PolicyBundle(taxonomyJson, dmn);
    }

    public PolicyBundle withTaxonomyJson(String json) {
        return new PolicyBundle(json, routingDmn);
    }

    /** SHA-256 over both documents, each prefixed by its name and length so the split is unambiguous. */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, "taxonomy.json", taxonomyJson);
            update(digest, "routing.dmn", routingDmn);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static void update(MessageDigest digest, String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((name + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
    }

    private static String resource(String name) {
        try (InputStream in = PolicyBundle.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the policy library");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
