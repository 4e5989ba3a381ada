package dev.arbiter.service.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.annotation.security.RolesAllowed;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs (and Swagger UI at /swagger-ui.html): every call takes a Keycloak token. */
@Configuration
class OpenApiConfiguration {

  @Bean
  OpenAPI arbiterOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Arbiter moderation service")
                .description("Content triage, review queues, decisions, policy change control and audit. "
                    + "Each operation states the Keycloak realm roles that may call it.")
                .version("v1")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "keycloak",
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("keycloak"));
  }

  /** Each operation's description names the roles of its {@code @RolesAllowed}, so the API says who may call it. */
  @Bean
  OperationCustomizer rolesInDescription() {
    return (operation, handler) -> {
      RolesAllowed roles = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RolesAllowed.class);
      // Two handler methods of one path (JSON and multipart) share an operation: state the roles once.
      if (roles != null && (operation.getDescription() == null || !operation.getDescription().contains("Roles: "))) {
        String allowed = "Roles: " + String.join(", ", roles.value()) + ".";
        operation.setDescription(operation.getDescription() == null ? allowed : operation.getDescription() + " " + allowed);
      }
      return operation;
    };
  }
}
