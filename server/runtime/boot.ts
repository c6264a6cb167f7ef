// Start-up from instrumentation: configuration errors end the process with one line that names the
// setting — an operator's typo, not a bug, so no stack trace.
import { installServerPeerHook } from '../auth/peer-hook';
import { ConfigError, loadConfig } from './config';
import { startRuntime } from './runtime';
import { startSources } from './start-sources';

export function boot(): void {
  installServerPeerHook();
  try {
    startRuntime(loadConfig(process.env), startSources);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`skymap: invalid configuration: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
