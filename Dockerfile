# syntax=docker/dockerfile:1
# Skymap container image: a Next.js standalone server (node server.js) that runs as a non-root user
# on a read-only root filesystem. It writes only to os.tmpdir() (/tmp: mount an emptyDir there).
#
#   docker build -t skymap:0.1.0 .
#   docker run --rm -p 3000:3000 --read-only --tmpfs /tmp -e SKYMAP_AUTH_TOKEN="$(openssl rand -hex 32)" skymap:0.1.0
#
# e2e/standalone-image.spec.ts reads the COPY and ENV lines of the final stage, assembles the same
# file set from a local build into a read-only folder and starts it the way this image does: keep
# final-stage COPY sources under /src/ and keep the command `node server.js`.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- dependencies (dev dependencies included: the build needs TypeScript and Next's compiler) ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: next build (output: 'standalone') + static assets copied into the standalone tree ---
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npm run build

# --- runtime: only the traced standalone server; no npm, no sources, no dev dependencies ---
FROM ${NODE_IMAGE} AS runtime
# The base image's package managers (npm, npx, corepack, yarn) are not needed at run time and only
# add attack surface and CVE noise.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-v* \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg \
  && groupadd --system --gid 10001 skymap \
  && useradd --system --uid 10001 --gid skymap --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin skymap
WORKDIR /app
# HOSTNAME is what server.js binds; a container must listen beyond loopback to be reachable, and
# Skymap then refuses to start without authentication (SKYMAP_AUTH_TOKEN or the proxy header).
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    SKYMAP_HOST=0.0.0.0 \
    PORT=3000 \
    TMPDIR=/tmp
# Files stay owned by root and read-only for the runtime user: the process cannot modify its code.
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
