export * from "./platform";
export * from "./access";
export * from "./retail";
export * from "./models";
export * from "./billing";
export * from "./branding";
export * from "./ingest";
export * from "./decisions";
