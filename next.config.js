// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  // grpc-js and client-node use Node built-ins and dynamic requires; bundling them breaks both.
  serverExternalPackages: ['@grpc/grpc-js', '@kubernetes/client-node'],
  // SSE responses must not be buffered by gzip.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
