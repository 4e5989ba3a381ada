package dev.arbiter.service.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Tells the platform to enforce a decision: a JSON webhook signed with HMAC-SHA256 over
 * "timestamp.body", the decision id as idempotency key. Anything but a 2xx fails, and the job retries.
 */
@Service
public class ApplyingEnforcement {

  public static final String SIGNATURE_HEADER = "X-Arbiter-Signature";
  public static final String TIMESTAMP_HEADER = "X-Arbiter-Timestamp";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final Logger log = LoggerFactory.getLogger(ApplyingEnforcement.class);

  private final Cases cases;
  private final PlatformSettings settings;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApplyingEnforcement(Cases cases, PlatformSettings settings, JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.cases = cases;
    this.settings = settings;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  public static final class EnforcementFailed extends RuntimeException {
    public EnforcementFailed(String message) {
      super(message);
    }
  }

  public void apply(Decision decision) {
    apply(decision, decision.action(), null);
  }

  /**
   * Tells the platform to take {@code platformAction} for the decision; {@code reverses} names the decision
   * whose enforcement this one undoes (an appeal overturned it), null otherwise.
   */
  public void apply(Decision decision, String platformAction, UUID reverses) {
    Cases.StoredCase stored = cases.find(decision.caseId()).orElseThrow();
    PlatformSettings.Platform platform = settings.platforms().get(stored.platformId());
    if (platform == null || platform.webhookUrl() == null || platform.webhookUrl().isBlank()) {
      throw new EnforcementFailed("No enforcement webhook is configured for platform '" + stored.platformId()
          + "' (arbiter.enforcement.platforms." + stored.platformId() + ".webhook-url)");
    }
    int status;
    if (PlatformSettings.NO_WEBHOOK.equals(platform.webhookUrl())) {
      log.info("Enforcement of {} on case {} not delivered: webhooks are off for platform {}",
          platformAction, decision.caseId(), stored.platformId());
      status = 0;
    } else {
      status = deliver(platform, webhookBody(stored, decision, platformAction, reverses), decision);
    }
    jdbc.sql(
            """
            insert into enforcements (decision_id, case_id, platform_id, action, status_code)
            values (:decision, :caseId, :platform, :action, :status) on conflict (decision_id) do nothing
            """)
        .param("decision", decision.id())
        .param("caseId", decision.caseId())
        .param("platform", stored.platformId())
        .param("action", platformAction)
        .param("status", status)
        .update();
  }

  private int deliver(PlatformSettings.Platform platform, String body, Decision decision) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(platform.webhookUrl()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(TIMESTAMP_HEADER, timestamp)
            .header(SIGNATURE_HEADER, "sha256=" + sign(platform.webhookSecret(), timestamp + "." + body))
            .header(IDEMPOTENCY_HEADER, decision.id().toString())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new EnforcementFailed("Platform webhook " + platform.webhookUrl() + " answered " + response.statusCode());
      }
      return response.statusCode();
    } catch (IOException e) {
      throw new EnforcementFailed("Platform webhook " + platform.webhookUrl() + " unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnforcementFailed("Interrupted while calling the platform webhook");
    }
  }

  private String webhookBody(Cases.StoredCase stored, Decision decision, String platformAction, UUID reverses) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decisionId", decision.id().toString());
    body.put("caseId", decision.caseId().toString());
    body.put("externalId", stored.externalId());
    body.put("action", platformAction);
    if (reverses != null) {
      body.put("reverses", reverses.toString());
    }
    body.put("category", decision.category());
    body.put("reasonCode", decision.reasonCode());
    body.put("decidedAt", decision.decidedAt().toString());
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256 of the payload, hex; the platform recomputes it with its copy of the secret. */
  public static String sign(String secret, String payload) {
    if (secret == null || secret.isBlank()) {
      throw new EnforcementFailed("The platform's webhook secret is not configured");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
