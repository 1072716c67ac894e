import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM packages must stay outside the bundle (see shared/PITFALLS.md).
  serverExternalPackages: ["onnxruntime-node", "@electric-sql/pglite", "@node-rs/argon2", "postgres", "tsx", "jsdom", "dompurify"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
