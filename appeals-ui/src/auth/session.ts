// The signed-in session: tokens live in memory only; the PKCE verifier and state survive the redirect in
// sessionStorage and are removed as soon as the code is exchanged.
import type { UiConfig } from './config';
import { authorizeUrl, codeChallenge, parseCallback, randomToken, refreshDelay, tokenRequestBody } from './pkce';

const PENDING = 'arbiter.pkce';
export const CALLBACK_PATH = '/callback';

interface Pending {
  state: string;
  verifier: string;
  returnTo: string;
}

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
}

export class Session {
  private accessToken: string | null = null;
  private refreshToken: string | null = null;
  private idToken: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly config: UiConfig) {}

  get token(): string | null {
    return this.accessToken;
  }

  private redirectUri(): string {
    return `${window.location.origin}${CALLBACK_PATH}`;
  }

  /** Sends the browser to Keycloak's login; it comes back to /callback and then to returnTo. */
  async signIn(returnTo: string): Promise<never> {
    const pending: Pending = { state: randomToken(16), verifier: randomToken(), returnTo };
    sessionStorage.setItem(PENDING, JSON.stringify(pending));
    window.location.assign(
      authorizeUrl({
        issuer: this.config.issuer,
        clientId: this.config.clientId,
        redirectUri: this.redirectUri(),
        state: pending.state,
        challenge: await codeChallenge(pending.verifier),
      }),
    );
    return new Promise<never>(() => {});
  }

  /** On /callback: checks the state, exchanges the code, and answers where to go next. */
  async completeSignIn(search: string): Promise<string> {
    const result = parseCallback(search);
    const raw = sessionStorage.getItem(PENDING);
    sessionStorage.removeItem(PENDING);
    if (result.kind === 'error') throw new Error(`Sign-in failed: ${result.description ?? result.error}`);
    if (result.kind !== 'code' || !raw) throw new Error('Sign-in failed: no sign-in was in progress.');
    const pending = JSON.parse(raw) as Pending;
    if (pending.state !== result.state) throw new Error('Sign-in failed: the state does not match.');
    await this.requestTokens(tokenRequestBody(this.config.clientId, result.code, this.redirectUri(), pending.verifier));
    return pending.returnTo;
  }

  private async requestTokens(body: URLSearchParams): Promise<void> {
    const response = await fetch(`${this.config.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    if (!response.ok) throw new Error(`Sign-in failed: the token endpoint answered ${response.status}.`);
    const tokens = (await response.json()) as TokenResponse;
    this.accessToken = tokens.access_token;
    this.refreshToken = tokens.refresh_token ?? null;
    this.idToken = tokens.id_token ?? this.idToken;
    clearTimeout(this.timer);
    if (this.refreshToken) {
      this.timer = setTimeout(() => void this.refresh(), refreshDelay(tokens.expires_in));
    }
  }

  private async refresh(): Promise<void> {
    if (!this.refreshToken) return;
    try {
      await this.requestTokens(
        new URLSearchParams({ grant_type: 'refresh_token', client_id: this.config.clientId, refresh_token: this.refreshToken }),
      );
    } catch {
      this.accessToken = null;
    }
  }

  /** Ends the Keycloak session too, and comes back to the start page. */
  signOut(): void {
    const params = new URLSearchParams({
      client_id: this.config.clientId,
      post_logout_redirect_uri: `${window.location.origin}/`,
    });
    if (this.idToken) params.set('id_token_hint', this.idToken);
    this.accessToken = null;
    this.refreshToken = null;
    clearTimeout(this.timer);
    window.location.assign(`${this.config.issuer}/protocol/openid-connect/logout?${params}`);
  }
}
