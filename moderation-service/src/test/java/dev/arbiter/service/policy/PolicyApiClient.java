package dev.arbiter.service.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.arbiter.service.security.IdentityProperties;
import dev.arbiter.service.security.SecurityConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Calls the policy API over real HTTP with Keycloak-shaped tokens signed by a local key, which the service
 * trusts through {@link TrustedKey} with the production claim checks (issuer, audience, lifetime).
 */
final class PolicyApiClient {

  static final String ISSUER = "http://127.0.0.1:8180/realms/arbiter";
  private static final KeyPair KEY = generate();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class TrustedKey {
    @Bean
    @Primary
    JwtDecoder policyTestJwtDecoder(IdentityProperties properties) {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEY.getPublic()).build();
      decoder.setJwtValidator(SecurityConfiguration.tokenValidator(properties));
      return decoder;
    }
  }

  private final int port;

  PolicyApiClient(int port) {
    this.port = port;
  }

  /** A five-minute token for {@code username} holding one realm role. */
  static String token(String username, String role) {
    Instant now = Instant.now();
    JwtClaimsSet claims = JwtClaimsSet.builder()
        .issuer(ISSUER)
        .audience(List.of("arbiter-service"))
        .subject(UUID.nameUUIDFromBytes(username.getBytes()).toString())
        .issuedAt(now)
        .expiresAt(now.plus(Duration.ofMinutes(5)))
        .claim("preferred_username", username)
        .claim("realm_access", Map.of("roles", List.of(role)))
        .build();
    RSAKey key = new RSAKey.Builder((RSAPublicKey) KEY.getPublic()).privateKey((RSAPrivateKey) KEY.getPrivate()).keyID("policy-test").build();
    return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
        .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("policy-test").build(), claims))
        .getTokenValue();
  }

  Reply get(String path, String token) {
    return call("GET", path, null, token);
  }

  Reply post(String path, Object body, String token) {
    return call("POST", path, body, token);
  }

  private Reply call(String method, String path, Object body, String token) {
    try {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(60))
          .method(method, publisher)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .header("Authorization", "Bearer " + token)
          .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
