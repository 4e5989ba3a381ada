import { NavLink, Outlet } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { AREA_LABELS, areasFor } from '../auth/roles';

export function Layout() {
  const { me, signOut } = useAuth();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand" aria-label="Arbiter">
          ▲ Arbiter
        </span>
        <nav aria-label="Main">
          <ul>
            {areasFor(me.roles).map((area) => (
              <li key={area}>
                <NavLink to={`/${area}`}>{AREA_LABELS[area]}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          <span data-testid="username">{me.username}</span>
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
