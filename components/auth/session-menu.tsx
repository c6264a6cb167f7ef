'use client';
// Who is signed in, and the sign-out button for token sessions. Renders nothing when sign-in is off.
import { useQuery } from '@tanstack/react-query';
import styles from './session-menu.module.css';

interface SessionBody {
  authEnabled: boolean;
  method: 'token' | 'proxy' | 'none';
  user: string | null;
  groups: string[];
  namespaces: 'all' | string[];
  canSignOut: boolean;
}

function scopeText(namespaces: 'all' | string[]): string {
  if (namespaces === 'all') return 'all namespaces';
  if (namespaces.length === 0) return 'no namespaces';
  return `namespaces: ${namespaces.join(', ')}`;
}

export function SessionMenu() {
  const { data } = useQuery({
    queryKey: ['auth-session'],
    queryFn: async (): Promise<SessionBody> => {
      const response = await fetch('/api/auth/session');
      if (!response.ok) throw new Error(`session ${response.status}`);
      return (await response.json()) as SessionBody;
    },
    staleTime: 60_000,
  });
  if (!data?.authEnabled) return null;
  const label = data.method === 'token' ? 'Signed in with token' : (data.user ?? 'unknown user');
  return (
    <div className={styles.menu} data-testid="session-menu">
      <span className={styles.user} title={`${label} · ${scopeText(data.namespaces)}`}>
        {label}
      </span>
      {data.canSignOut ? (
        <form method="post" action="/api/auth/logout">
          <button type="submit" data-testid="sign-out">
            Sign out
          </button>
        </form>
      ) : null}
    </div>
  );
}
