package dev.arbiter.service.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless JWT resource server: every /api and actuator request but health needs a valid token, and
 * every /api endpoint declares its roles with {@code @RolesAllowed} (method security). The web UI's files
 * are public.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
@EnableConfigurationProperties(IdentityProperties.class)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http, JwtDecoder jwtDecoder, IdentityProperties properties, SecurityErrors errors)
      throws Exception {
    return http
        // Bearer tokens only, no cookies: CSRF cannot ride on an ambient credential.
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(EndpointRequest.to("health"))
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // The API description is public; every operation in it still needs its role.
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                    .permitAll()
                    // The web UI's files, its configuration and its routes are public: it signs in through
                    // Keycloak itself and calls /api with a token. /api and /actuator stay protected.
                    .requestMatchers(SecurityConfiguration::isWebUiRequest)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            server ->
                server
                    .jwt(
                        jwt ->
                            jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                    new KeycloakTokenConverter(properties.audience())))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .build();
  }

  /** A GET (or HEAD) outside /api and /actuator: the web UI's files, /config.json and its router's paths. */
  static boolean isWebUiRequest(HttpServletRequest request) {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/api") || path.startsWith("/api/") || path.equals("/actuator") || path.startsWith("/actuator/"));
  }

  @Bean
  JwtDecoder jwtDecoder(IdentityProperties properties) {
    // Keys come from the JWK set URI on first use, so the service starts without Keycloak.
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
    decoder.setJwtValidator(tokenValidator(properties));
    return decoder;
  }

  /** The checks every accepted token passes: lifetime, exact issuer, and Arbiter as audience. */
  public static OAuth2TokenValidator<Jwt> tokenValidator(IdentityProperties properties) {
    String audience = properties.audience();
    return new DelegatingOAuth2TokenValidator<>(
        new JwtTimestampValidator(properties.clockSkew()),
        new JwtIssuerValidator(properties.issuerUri().toString()),
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
  }
}
