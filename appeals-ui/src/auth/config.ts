// Where Keycloak is: served by moderation-service at /config.json from its arbiter.ui.* properties.

export interface UiConfig {
  issuer: string;
  clientId: string;
}

export async function loadConfig(): Promise<UiConfig> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The UI configuration is unavailable (HTTP ${response.status}).`);
  const config = (await response.json()) as Partial<UiConfig>;
  if (!config.issuer || !config.clientId) throw new Error('The UI configuration names no issuer or client.');
  return { issuer: config.issuer.replace(/\/$/, ''), clientId: config.clientId };
}
