import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { Me } from '../api/types';

export interface Auth {
  me: Me;
  api: ApiClient;
  signOut: () => void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthContext');
  return auth;
}

export function useApi(): ApiClient {
  return useAuth().api;
}
