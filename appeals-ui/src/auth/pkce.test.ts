import { authorizeUrl, base64Url, codeChallenge, parseCallback, randomToken, refreshDelay, tokenRequestBody } from './pkce';

describe('PKCE', () => {
  it('computes the RFC 7636 S256 challenge', async () => {
    // The example of RFC 7636, appendix B.
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes url-safe random verifiers of 43 characters', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(token);
    expect(base64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('builds the authorization URL with S256', () => {
    const url = new URL(
      authorizeUrl({ issuer: 'http://kc/realms/arbiter', clientId: 'appeals-ui', redirectUri: 'http://app/callback', state: 's', challenge: 'c' }),
    );
    expect(url.pathname).toBe('/realms/arbiter/protocol/openid-connect/auth');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe('c');
    expect(url.searchParams.get('response_type')).toBe('code');
  });

  it('reads the callback', () => {
    expect(parseCallback('?code=abc&state=xyz')).toEqual({ kind: 'code', code: 'abc', state: 'xyz' });
    expect(parseCallback('?error=access_denied&error_description=no')).toEqual({ kind: 'error', error: 'access_denied', description: 'no' });
    expect(parseCallback('')).toEqual({ kind: 'none' });
  });

  it('sends the verifier with the code', () => {
    const body = tokenRequestBody('appeals-ui', 'abc', 'http://app/callback', 'v');
    expect(body.get('grant_type')).toBe('authorization_code');
    expect(body.get('code_verifier')).toBe('v');
  });

  it('refreshes 30 s before expiry', () => {
    expect(refreshDelay(300)).toBe(270_000);
    expect(refreshDelay(10)).toBe(5_000);
  });
});
