package dev.arbiter.service.security;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads users and groups from Keycloak's admin API with the service's own client credentials
 * (its service account holds only view-users, query-users, query-groups and view-realm).
 */
@Component
public class KeycloakDirectory implements DisposableBean {

  private static final int PAGE = 100;

  private final Keycloak keycloak;
  private final String realm;

  public KeycloakDirectory(IdentityProperties properties) {
    IdentityProperties.Admin admin = properties.admin();
    long timeout = admin.timeout().toMillis();
    this.realm = admin.realm();
    // Building connects nowhere: the token is fetched on the first call.
    this.keycloak =
        KeycloakBuilder.builder()
            .serverUrl(admin.serverUrl().toString())
            .realm(admin.realm())
            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
            .clientId(admin.clientId())
            .clientSecret(admin.clientSecret())
            .resteasyClient(
                ClientBuilder.newBuilder()
                    .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                    .readTimeout(timeout, TimeUnit.MILLISECONDS)
                    .build())
            .build();
  }

  /** Members of the group at {@code path}, or empty when no such group exists. */
  public Optional<List<QueueMember>> membersOf(String path) {
    try {
      RealmResource realmResource = keycloak.realm(realm);
      GroupRepresentation group;
      try {
        group = realmResource.getGroupByPath(path);
      } catch (NotFoundException missing) {
        return Optional.empty();
      }
      List<QueueMember> members = new ArrayList<>();
      List<UserRepresentation> page;
      do {
        page = realmResource.groups().group(group.getId()).members(members.size(), PAGE, true);
        page.stream().map(KeycloakDirectory::member).forEach(members::add);
      } while (page.size() == PAGE);
      return Optional.of(List.copyOf(members));
    } catch (ProcessingException | WebApplicationException failure) {
      throw new DirectoryUnavailableException(failure);
    }
  }

  private static QueueMember member(UserRepresentation user) {
    return new QueueMember(
        user.getId(), user.getUsername(), user.getFirstName(), user.getLastName(), user.getEmail());
  }

  @Override
  public void destroy() {
    keycloak.close();
  }

  /** Keycloak's admin API could not answer: unreachable, refused our credentials, or failed. */
  public static final class DirectoryUnavailableException extends RuntimeException {
    DirectoryUnavailableException(Exception cause) {
      super("Keycloak admin API unavailable: " + cause.getMessage(), cause);
    }
  }
}
