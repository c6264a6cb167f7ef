// The sign-in page renders without the app shell: the shell's live widgets (status banner, streams)
// would only collect 401s before sign-in, and keyboard focus must not wander into hidden navigation.
// The proxy marks such requests (a client-sent marker is removed there); the root layout reads it.

export const STANDALONE_PAGE_HEADER = 'x-skymap-standalone-page';

const STANDALONE_PATHS = new Set(['/login']);

export function isStandalonePath(pathname: string): boolean {
  return STANDALONE_PATHS.has(pathname);
}
