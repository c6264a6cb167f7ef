// Next.js calls register() once per server start. Skymap's long-lived subscriptions (Relay stream,
// informers, the demo cluster) start here, on the Node runtime only.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { boot } = await import('./server/runtime/boot');
  boot();
}
