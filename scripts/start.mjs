// `npm start`: serve the production build. Binds 127.0.0.1 unless SKYMAP_HOST says otherwise, so
// cluster-wide traffic data is not exposed by accident.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const distDir = process.env.SKYMAP_DIST_DIR || '.next';
const server = join(process.cwd(), distDir, 'standalone', 'server.js');
if (!existsSync(server)) {
  console.error('skymap: no production build found; run `npm run build` first.');
  process.exit(1);
}
process.env.HOSTNAME = process.env.SKYMAP_HOST || '127.0.0.1';
process.env.PORT = process.env.PORT || '3000';
console.log(`skymap: serving on http://${process.env.HOSTNAME}:${process.env.PORT}`);
await import(pathToFileURL(server).href);
