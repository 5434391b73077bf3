// Registers every feature's screens (see `registry.ts`). One import per feature.
export { featureFor } from "./registry";
