import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { homeFor } from '../auth/roles';
import { humanize } from './format';

export function NotAllowed({ needed }: { needed?: readonly string[] }) {
  const { me } = useAuth();
  const home = homeFor(me.roles);
  return (
    <section className="panel refusal" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">Not allowed</h1>
      <p>
        You are signed in as <strong>{me.username}</strong>
        {me.roles.length > 0 ? ` (${me.roles.map(humanize).join(', ')})` : ''}. This page is not open to you.
      </p>
      {needed && needed.length > 0 && <p>It is for: {needed.map(humanize).join(', ')}.</p>}
      {home !== '/not-allowed' && (
        <p>
          <Link to={home}>Go to your start page</Link>
        </p>
      )}
    </section>
  );
}
