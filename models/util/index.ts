export { mulberry32 } from "./prng";
export { fnv1a32, sha256Hex, sha256Stream } from "./hash";
