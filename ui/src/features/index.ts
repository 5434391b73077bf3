// Registers every feature's screens (see `registry.ts`). One import per feature.
import "./autodial";

export { featureFor } from "./registry";
