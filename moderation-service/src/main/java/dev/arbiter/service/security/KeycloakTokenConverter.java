package dev.arbiter.service.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads Keycloak's claims: realm roles ({@code realm_access.roles}) and the service client's roles
 * ({@code resource_access.<client>.roles}) become {@code ROLE_<role>} authorities; {@code groups}
 * and {@code platform_id} complete the {@link ArbiterUser}.
 */
public final class KeycloakTokenConverter implements Converter<Jwt, ArbiterAuthentication> {

  static final String PLATFORM_ID = "platform_id";

  private final String serviceClientId;

  public KeycloakTokenConverter(String serviceClientId) {
    this.serviceClientId = serviceClientId;
  }

  @Override
  public ArbiterAuthentication convert(Jwt jwt) {
    Set<String> roles = new LinkedHashSet<>(rolesIn(jwt.getClaimAsMap("realm_access")));
    Map<String, Object> clients = jwt.getClaimAsMap("resource_access");
    if (clients != null && clients.get(serviceClientId) instanceof Map<?, ?> client) {
      roles.addAll(rolesIn(client));
    }
    List<String> groups = jwt.hasClaim("groups") ? jwt.getClaimAsStringList("groups") : List.of();
    String username = jwt.getClaimAsString("preferred_username");
    ArbiterUser user =
        new ArbiterUser(
            jwt.getSubject(),
            username != null ? username : jwt.getSubject(),
            roles,
            Set.copyOf(groups),
            Optional.ofNullable(jwt.getClaimAsString(PLATFORM_ID)).filter(id -> !id.isBlank()));
    return new ArbiterAuthentication(
        user, jwt, roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
  }

  private static List<String> rolesIn(Map<?, ?> access) {
    if (access == null || !(access.get("roles") instanceof Collection<?> roles)) {
      return List.of();
    }
    return roles.stream().map(String::valueOf).toList();
  }
}
