package dev.arbiter.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.service.security.EndpointInventory.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Guards by construction: every /api endpoint of the application declares who may call it. */
@ServiceWithLocalTokens
class EndpointGuardTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  @Test
  void theInventoryFindsTheApplicationsEndpoints() {
    assertThat(EndpointInventory.apiEndpoints(mapping))
        .extracting(Endpoint::toString)
        .contains("GET /api/v1/me", "GET /api/v1/queues/{queue}/moderators");
  }

  @Test
  void everyApiEndpointDeclaresArbiterRoles() {
    List<Endpoint> endpoints = EndpointInventory.apiEndpoints(mapping);

    assertThat(endpoints)
        .allSatisfy(
            endpoint -> {
              assertThat(endpoint.roles())
                  .as("@RolesAllowed on %s (%s)", endpoint, endpoint.handler())
                  .isNotEmpty();
              assertThat(Roles.ALL)
                  .as("roles of %s are constants of Roles", endpoint)
                  .containsAll(endpoint.roles());
            });
  }

  @Test
  void everyApiEndpointNamesItsHttpMethodAndHasExampleRequests() {
    assertThat(EndpointInventory.apiEndpoints(mapping))
        .allSatisfy(
            endpoint -> {
              assertThat(endpoint.method()).as("HTTP method of %s", endpoint).isNotNull();
              for (DemoIdentity caller : DemoIdentity.ALL) {
                assertThat(endpoint.examplePath(caller)).startsWith("/api/").doesNotContain("{");
              }
            });
  }
}
