// OAuth 2.0 authorization code flow with PKCE (RFC 7636, S256) against Keycloak, without a library.

/** URL-safe base64 without padding, as PKCE and OAuth state values use it. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh random code verifier (43 characters from 32 random bytes), or state value. */
export function randomToken(byteCount = 32): string {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return base64Url(bytes);
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  // A verifier is ASCII by definition (RFC 7636, 4.1), so its bytes are its character codes.
  const bytes = Uint8Array.from(verifier, (c) => c.charCodeAt(0));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return base64Url(new Uint8Array(digest));
}

export interface AuthorizeRequest {
  issuer: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  scope?: string;
}

/** Keycloak's authorization endpoint URL for a code + PKCE request. */
export function authorizeUrl(req: AuthorizeRequest): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: req.clientId,
    redirect_uri: req.redirectUri,
    scope: req.scope ?? 'openid',
    state: req.state,
    code_challenge: req.challenge,
    code_challenge_method: 'S256',
  });
  return `${req.issuer}/protocol/openid-connect/auth?${params}`;
}

export type CallbackResult =
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; error: string; description?: string }
  | { kind: 'none' };

/** What Keycloak sent back to the redirect URI. */
export function parseCallback(search: string): CallbackResult {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) return { kind: 'error', error, description: params.get('error_description') ?? undefined };
  const code = params.get('code');
  const state = params.get('state');
  if (code && state) return { kind: 'code', code, state };
  return { kind: 'none' };
}

/** The form body exchanging an authorization code for tokens. */
export function tokenRequestBody(clientId: string, code: string, redirectUri: string, verifier: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: clientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

/** Milliseconds until a token should be refreshed: 30 s before it expires, never less than 5 s. */
export function refreshDelay(expiresInSeconds: number): number {
  return Math.max(5_000, (expiresInSeconds - 30) * 1000);
}
