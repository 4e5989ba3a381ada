package dev.arbiter.service.triage;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per platform: where enforcement webhooks go and the secret that signs them. A webhook URL of "none"
 * turns delivery off for that platform explicitly (the local demo platforms); a platform with no entry
 * is an error, so enforcement is never skipped by accident.
 */
@ConfigurationProperties("arbiter.enforcement")
public record PlatformSettings(Map<String, Platform> platforms) {

  public static final String NO_WEBHOOK = "none";

  public PlatformSettings {
    platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
  }

  public record Platform(String webhookUrl, String webhookSecret) {}
}
