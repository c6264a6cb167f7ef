// What /login shows, decided on the server from the settings and the request's identity.
import { safeNextPath } from './access';
import { currentAuthSettings } from './auth-runtime';
import { requestIdentity } from './identity';
import type { AuthSettings } from './settings';

export interface SignInQuery {
  readonly error?: string;
  readonly next?: string;
  readonly signedOut: boolean;
}

export interface SignInPageModel {
  /** Already signed in (or sign-in is off and there is somewhere to go): go there instead. */
  readonly redirectTo?: string;
  readonly tokenForm: boolean;
  readonly next: string;
  readonly error?: string;
  readonly notice?: string;
  readonly explanation: readonly string[];
  readonly homeLink: boolean;
}

const ERRORS: Readonly<Record<string, string>> = {
  invalid: 'That token is not valid. Check SKYMAP_AUTH_TOKEN and try again.',
  missing: 'Enter the access token.',
};

export function signInPageModel(
  request: { readonly headers: { get(name: string): string | null } },
  query: SignInQuery,
): SignInPageModel {
  const next = safeNextPath(query.next);
  let settings: AuthSettings;
  try {
    settings = currentAuthSettings();
  } catch (err) {
    return {
      tokenForm: false,
      next,
      error: `Skymap is misconfigured: ${err instanceof Error ? err.message : String(err)}`,
      explanation: [],
      homeLink: false,
    };
  }
  const enabled = settings.token !== undefined || settings.proxy !== undefined;
  if (!enabled) {
    return {
      tokenForm: false,
      next,
      notice: 'Sign-in is off.',
      explanation: [
        `Skymap listens on ${settings.bindHost} (loopback) only, so nobody else can reach it. To expose it, set SKYMAP_AUTH_TOKEN or SKYMAP_AUTH_PROXY_HEADER.`,
      ],
      homeLink: true,
    };
  }
  const identity = requestIdentity(request);
  if (identity.authenticated && !query.signedOut && query.error === undefined)
    return { redirectTo: next, tokenForm: false, next, explanation: [], homeLink: false };
  const explanation: string[] = [];
  if (settings.proxy !== undefined) {
    explanation.push(
      `Sign-in is handled by your reverse proxy: Skymap accepts the ${settings.proxy.userHeader} header from ${settings.proxy.trusted.text.join(', ')}. Open Skymap through the proxy's address.`,
    );
  }
  return {
    tokenForm: settings.token !== undefined,
    next,
    error: query.error === undefined ? undefined : (ERRORS[query.error] ?? 'Sign-in failed.'),
    notice: query.signedOut ? 'You are signed out.' : undefined,
    explanation,
    homeLink: identity.authenticated,
  };
}
