import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** An error as the user should read it: a missing endpoint is "not available yet", a 403 "not allowed". */
export function ErrorNotice({ error, children }: { error: unknown; children?: ReactNode }) {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.missing && error.status !== 404) {
    message = 'This part of the service is not available yet.';
  } else if (error instanceof ApiError && error.status === 403) {
    message = `Not allowed: ${error.message}`;
  }
  return (
    <div className="notice error" role="alert">
      {message}
      {children}
    </div>
  );
}

/** For a 404 from an endpoint that may not be deployed yet: says so plainly. */
export function Unavailable({ what }: { what: string }) {
  return (
    <div className="notice info" role="status">
      {what} is not available from the service yet.
    </div>
  );
}
