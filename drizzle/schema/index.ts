export * from "./platform";
export * from "./access";
export * from "./retail";
export * from "./models";
export * from "./reports";
