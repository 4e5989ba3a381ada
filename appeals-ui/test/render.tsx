// Renders a view as a signed-in user with a fake API answering from a table of paths.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { vi } from 'vitest';
import { ApiClient, ApiError } from '../src/api/client';
import { AuthContext } from '../src/auth/AuthContext';

export type Answer = unknown | ((body?: unknown) => unknown);

export function fakeApi(answers: Record<string, Answer>) {
  const answer = (key: string, body?: unknown) => {
    if (!(key in answers)) return Promise.reject(new ApiError(404, `no ${key}`, key));
    const a = answers[key];
    try {
      const value = typeof a === 'function' ? (a as (b?: unknown) => unknown)(body) : a;
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
    } catch (e) {
      return Promise.reject(e);
    }
  };
  const api = {
    get: vi.fn((path: string) => answer(`GET ${path}`)),
    post: vi.fn((path: string, body?: unknown) => answer(`POST ${path}`, body)),
    postForm: vi.fn((path: string, form: FormData) => answer(`POST ${path}`, form)),
    objectUrl: vi.fn(() => Promise.resolve('blob:fake')),
  };
  return api as typeof api & ApiClient;
}

export function renderAs(
  roles: string[],
  element: ReactElement,
  { path = '/', route = '/', api = fakeApi({}), queues = [] as string[], username = 'user1' } = {},
) {
  const me = { username, roles, queues, subject: 's', groups: [], languages: ['en'] };
  const result = render(
    <AuthContext.Provider value={{ me, api, signOut: () => {} }}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path={path} element={element} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </AuthContext.Provider>,
  );
  return { ...result, api };
}
