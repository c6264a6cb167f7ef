// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (parallel work, benchmarks) coexist.
  distDir: process.env.SKYMAP_DIST_DIR || '.next',
  output: 'standalone',
  // grpc-js and client-node use Node built-ins and dynamic requires; bundling them breaks both.
  serverExternalPackages: ['@grpc/grpc-js', '@kubernetes/client-node'],
  // SSE responses must not be buffered by gzip.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
