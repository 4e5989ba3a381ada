// Which parts of the UI each Arbiter role may open (the API enforces the same roles on every call).

export type Role =
  | 'appellant'
  | 'moderator'
  | 'senior-moderator'
  | 'policy-expert'
  | 'policy-admin'
  | 'auditor'
  | 'platform';

export type Area = 'my' | 'moderator' | 'review' | 'policy' | 'audit';

export const AREA_ROLES: Record<Area, readonly Role[]> = {
  my: ['appellant'],
  moderator: ['moderator', 'senior-moderator'],
  review: ['senior-moderator', 'policy-expert'],
  policy: ['policy-expert', 'policy-admin', 'auditor'],
  audit: ['auditor'],
};

export const AREA_LABELS: Record<Area, string> = {
  my: 'My decisions and appeals',
  moderator: 'Review queues',
  review: 'Escalations and appeals',
  policy: 'Policy',
  audit: 'Audit',
};

const AREA_ORDER: Area[] = ['moderator', 'review', 'audit', 'policy', 'my'];

export function mayOpen(area: Area, roles: readonly string[]): boolean {
  return AREA_ROLES[area].some((role) => roles.includes(role));
}

/** The areas a user sees in the navigation, most operational first. */
export function areasFor(roles: readonly string[]): Area[] {
  return AREA_ORDER.filter((area) => mayOpen(area, roles));
}

/** Where a user lands after signing in; the not-allowed page when no area is theirs (a platform client). */
export function homeFor(roles: readonly string[]): string {
  const [first] = areasFor(roles);
  return first ? `/${first}` : '/not-allowed';
}

/** The area a path belongs to, or null for paths open to anyone signed in. */
export function areaOf(pathname: string): Area | null {
  const first = pathname.split('/').filter(Boolean)[0];
  return (Object.keys(AREA_ROLES) as Area[]).find((area) => area === first) ?? null;
}
