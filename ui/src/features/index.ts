// Registers every feature's screens (see `registry.ts`). One import per feature.
import "./autodial";
import "./clicktodial";
import "./neutrafix";
import "./spamscore";
import "./yoco";

export { featureFor } from "./registry";
