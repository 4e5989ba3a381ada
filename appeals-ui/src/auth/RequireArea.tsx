import type { ReactNode } from 'react';
import { useAuth } from './AuthContext';
import { type Area, mayOpen, AREA_ROLES } from './roles';
import { NotAllowed } from '../common/NotAllowed';

/** Renders its children only for the roles of the area; everyone else sees why not. */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const { me } = useAuth();
  if (!mayOpen(area, me.roles)) return <NotAllowed needed={AREA_ROLES[area]} />;
  return <>{children}</>;
}
