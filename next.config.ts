import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM packages must stay outside the bundle (see shared/PITFALLS.md).
  serverExternalPackages: ["onnxruntime-node", "@electric-sql/pglite", "@node-rs/argon2", "postgres", "tsx", "jsdom", "dompurify", "pdfkit", "svg-to-pdfkit"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
