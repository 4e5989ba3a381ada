package dev.arbiter.service.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the web UI (appeals-ui) signs its users in: the Keycloak issuer the browser talks to and the public
 * client it uses (authorization code + PKCE).
 *
 * @param issuer the realm's issuer URL as the browser reaches it
 * @param clientId the public OIDC client of the UI
 */
@ConfigurationProperties("arbiter.ui")
public record UiProperties(String issuer, String clientId) {}
