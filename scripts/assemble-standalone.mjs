// Next's standalone output leaves out static assets and public/ (they are meant for a CDN); copy
// them in so `.next/standalone` is a complete, self-contained server (what the image ships).
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const distDir = process.env.SKYMAP_DIST_DIR || '.next';
const standalone = join(root, distDir, 'standalone');
if (!existsSync(join(standalone, 'server.js'))) {
  console.error('assemble-standalone: .next/standalone/server.js is missing; is output: "standalone" set?');
  process.exit(1);
}
cpSync(join(root, distDir, 'static'), join(standalone, distDir, 'static'), { recursive: true });
if (existsSync(join(root, 'public')))
  cpSync(join(root, 'public'), join(standalone, 'public'), { recursive: true });
console.log('assemble-standalone: .next/standalone is ready (node .next/standalone/server.js)');
