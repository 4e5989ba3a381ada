package dev.arbiter.service.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where tokens come from and how the service reaches Keycloak's admin API.
 *
 * @param issuerUri the exact {@code iss} every accepted token carries
 * @param jwkSetUri where the issuer publishes its signing keys
 * @param audience the {@code aud} every accepted token must contain; also the client whose client
 *     roles become authorities
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param admin the service's own client for Keycloak's admin API
 */
@Validated
@ConfigurationProperties("arbiter.security")
public record IdentityProperties(
    @NotNull URI issuerUri,
    @NotNull URI jwkSetUri,
    @NotBlank String audience,
    @NotNull Duration clockSkew,
    @NotNull Admin admin) {

  /**
   * @param serverUrl Keycloak's base URL, without the realm
   * @param realm the realm holding Arbiter's users and groups
   * @param clientId a confidential client whose service account may view users and groups
   * @param clientSecret its secret
   * @param timeout connect and read timeout of admin calls
   */
  public record Admin(
      @NotNull URI serverUrl,
      @NotBlank String realm,
      @NotBlank String clientId,
      @NotBlank String clientSecret,
      @NotNull Duration timeout) {}
}
