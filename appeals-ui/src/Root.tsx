// Signs the user in (Keycloak, code + PKCE), loads who they are, then shows the app.
import { useEffect, useMemo, useRef, useState } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { ApiClient } from './api/client';
import type { Me } from './api/types';
import { type Auth, AuthContext } from './auth/AuthContext';
import { loadConfig } from './auth/config';
import { CALLBACK_PATH, Session } from './auth/session';
import { App } from './App';

type Phase = { kind: 'starting' } | { kind: 'ready'; me: Me } | { kind: 'failed'; message: string };

export function Root() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const session = useRef<Session | null>(null);
  const api = useMemo(() => new ApiClient(() => session.current?.token ?? null), []);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice in development; sign in once.
    started.current = true;
    (async () => {
      const config = await loadConfig();
      session.current = new Session(config);
      if (window.location.pathname === CALLBACK_PATH) {
        const returnTo = await session.current.completeSignIn(window.location.search);
        window.history.replaceState(null, '', returnTo);
      } else {
        await session.current.signIn(window.location.pathname + window.location.search);
      }
      const me = await api.get<Me>('/api/v1/me');
      setPhase({ kind: 'ready', me });
    })().catch((e: unknown) => setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
  }, [api]);

  if (phase.kind === 'starting') {
    return (
      <main className="centre" aria-busy="true">
        <p role="status">Signing in…</p>
      </main>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <main className="centre">
        <h1>Arbiter</h1>
        <div className="notice error" role="alert">
          {phase.message}
        </div>
        <button type="button" onClick={() => window.location.assign('/')}>
          Sign in again
        </button>
      </main>
    );
  }
  const auth: Auth = { me: phase.me, api, signOut: () => session.current?.signOut() };
  return (
    <AuthContext.Provider value={auth}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </AuthContext.Provider>
  );
}
