import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signInPageModel } from '../../server/auth/sign-in-page';
import styles from './login.module.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in · Skymap' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const model = signInPageModel(
    { headers: await headers() },
    { error: first(params.error), next: first(params.next), signedOut: first(params['signed-out']) === '1' },
  );
  if (model.redirectTo !== undefined) redirect(model.redirectTo);
  return (
    <div className={styles.overlay}>
      <section className={styles.card} aria-labelledby="login-title">
        <div className={styles.brand}>
          <span className="brand-dot" aria-hidden="true" />
          Skymap
        </div>
        <h1 id="login-title" className={styles.title}>
          Sign in
        </h1>
        {model.notice ? (
          <p className={styles.notice} role="status" data-testid="login-notice">
            {model.notice}
          </p>
        ) : null}
        {model.error ? (
          <p className={styles.error} role="alert" data-testid="login-error">
            {model.error}
          </p>
        ) : null}
        {model.tokenForm ? (
          <form method="post" action="/api/auth/login" className={styles.form}>
            <input type="hidden" name="next" value={model.next} />
            <label htmlFor="token" className={styles.label}>
              Access token
            </label>
            <input
              id="token"
              name="token"
              type="password"
              autoComplete="current-password"
              required
              spellCheck={false}
              className={styles.input}
              data-testid="login-token"
            />
            <button type="submit" className={styles.submit} data-testid="login-submit">
              Sign in
            </button>
            <p className={styles.hint}>
              The token is the value of <code>SKYMAP_AUTH_TOKEN</code> on the server. Skymap keeps a signed
              session cookie, never the token.
            </p>
          </form>
        ) : null}
        {model.explanation.map((line) => (
          <p key={line} className={styles.hint}>
            {line}
          </p>
        ))}
        {model.homeLink ? (
          <a href="/" className={styles.home}>
            Open Skymap
          </a>
        ) : null}
      </section>
    </div>
  );
}
