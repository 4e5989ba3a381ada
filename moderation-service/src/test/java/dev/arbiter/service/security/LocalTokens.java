package dev.arbiter.service.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs Keycloak-shaped tokens with a local RSA key, so the fast suite exercises real decoding,
 * signature and claim checks without a Keycloak.
 */
public final class LocalTokens {

  public static final String ISSUER = "http://127.0.0.1:8180/realms/arbiter";
  public static final String AUDIENCE = "arbiter-service";

  private static final KeyPair TRUSTED = generate();

  private final KeyPair signingKey;

  private LocalTokens(KeyPair signingKey) {
    this.signingKey = signingKey;
  }

  /** Tokens the service's test decoder trusts. */
  public static LocalTokens trusted() {
    return new LocalTokens(TRUSTED);
  }

  /** Tokens signed by a key the service has never seen. */
  static LocalTokens untrusted() {
    return new LocalTokens(generate());
  }

  static RSAPublicKey trustedPublicKey() {
    return (RSAPublicKey) TRUSTED.getPublic();
  }

  public Token token(String username) {
    return new Token(this, username);
  }

  /** Replaces the payload of a signed token, keeping its header and signature. */
  static String tamper(String token, String payloadJson) {
    String[] parts = token.split("\\.");
    String payload =
        Base64.getUrlEncoder().withoutPadding().encodeToString(payloadJson.getBytes());
    return parts[0] + "." + payload + "." + parts[2];
  }

  static String payloadOf(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
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

  /** A token under construction; defaults to a valid five-minute token for Arbiter. */
  public static final class Token {
    private final LocalTokens tokens;
    private final String username;
    private String issuer = ISSUER;
    private List<String> audience = List.of(AUDIENCE, "account");
    private String subject = UUID.randomUUID().toString();
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofMinutes(5);
    private final List<String> realmRoles = new ArrayList<>(List.of("default-roles-arbiter"));
    private final List<String> clientRoles = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private String platformId;

    private Token(LocalTokens tokens, String username) {
      this.tokens = tokens;
      this.username = username;
    }

    public Token realmRoles(String... roles) {
      realmRoles.addAll(List.of(roles));
      return this;
    }

    public Token clientRoles(String... roles) {
      clientRoles.addAll(List.of(roles));
      return this;
    }

    public Token groups(String... paths) {
      groups.addAll(List.of(paths));
      return this;
    }

    public Token platformId(String id) {
      platformId = id;
      return this;
    }

    public Token subject(String sub) {
      subject = sub;
      return this;
    }

    public Token issuer(String iss) {
      issuer = iss;
      return this;
    }

    public Token audience(String... aud) {
      audience = List.of(aud);
      return this;
    }

    public Token issuedAgo(Duration age, Duration life) {
      issuedAt = Instant.now().minus(age);
      lifetime = life;
      return this;
    }

    public String sign() {
      Map<String, Object> resourceAccess = new LinkedHashMap<>();
      resourceAccess.put("account", Map.of("roles", List.of("manage-account", "view-profile")));
      if (!clientRoles.isEmpty()) {
        resourceAccess.put(AUDIENCE, Map.of("roles", clientRoles));
      }
      JwtClaimsSet.Builder claims =
          JwtClaimsSet.builder()
              .issuer(issuer)
              .audience(audience)
              .subject(subject)
              .issuedAt(issuedAt)
              .expiresAt(issuedAt.plus(lifetime))
              .claim("azp", "arbiter-e2e")
              .claim("typ", "Bearer")
              .claim("preferred_username", username)
              .claim("realm_access", Map.of("roles", realmRoles))
              .claim("resource_access", resourceAccess)
              .claim("groups", groups);
      if (platformId != null) {
        claims.claim(KeycloakTokenConverter.PLATFORM_ID, platformId);
      }
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) tokens.signingKey.getPublic())
              .privateKey((RSAPrivateKey) tokens.signingKey.getPrivate())
              .keyID("local")
              .build();
      NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
      JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("local").build();
      return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
  }
}
