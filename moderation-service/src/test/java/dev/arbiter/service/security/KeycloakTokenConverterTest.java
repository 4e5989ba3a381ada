package dev.arbiter.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakTokenConverterTest {

  private final KeycloakTokenConverter converter = new KeycloakTokenConverter("arbiter-service");

  private static Jwt.Builder keycloakToken() {
    return Jwt.withTokenValue("t")
        .header("alg", "RS256")
        .subject("8882e1ae-ec93-4558-b1ac-8a9fe66e39c1")
        .issuedAt(Instant.now())
        .expiresAt(Instant.now().plusSeconds(300));
  }

  @Test
  void realmRolesAndTheServiceClientsRolesBecomeAuthorities() {
    Jwt jwt =
        keycloakToken()
            .claim("preferred_username", "senior1")
            .claim("realm_access", Map.of("roles", List.of("senior-moderator", "offline_access")))
            .claim(
                "resource_access",
                Map.of(
                    "arbiter-service", Map.of("roles", List.of("auditor")),
                    "account", Map.of("roles", List.of("manage-account"))))
            .claim("groups", List.of("/queues/senior", "/languages/fr"))
            .build();

    ArbiterAuthentication authentication = converter.convert(jwt);

    assertThat(authentication.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_senior-moderator", "ROLE_offline_access", "ROLE_auditor");
    ArbiterUser user = authentication.getPrincipal();
    assertThat(user.username()).isEqualTo("senior1");
    assertThat(authentication.getName()).isEqualTo("senior1");
    assertThat(user.queues()).containsExactly("senior");
    assertThat(user.languages()).containsExactly("fr");
    assertThat(user.platformId()).isEmpty();
  }

  @Test
  void aServiceAccountCarriesItsPlatformAndNoGroups() {
    Jwt jwt =
        keycloakToken()
            .claim("preferred_username", "service-account-platform-demo")
            .claim("realm_access", Map.of("roles", List.of("platform")))
            .claim("platform_id", "demo")
            .build();

    ArbiterUser user = converter.convert(jwt).getPrincipal();

    assertThat(user.roles()).containsExactly("platform");
    assertThat(user.groups()).isEmpty();
    assertThat(user.platformId()).contains("demo");
  }

  @Test
  void aTokenWithoutRolesGrantsNothing() {
    ArbiterAuthentication authentication = converter.convert(keycloakToken().build());

    assertThat(authentication.getAuthorities()).isEmpty();
    assertThat(authentication.getPrincipal().username())
        .isEqualTo("8882e1ae-ec93-4558-b1ac-8a9fe66e39c1");
  }
}
