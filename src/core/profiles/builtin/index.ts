import { Profile } from '../schema.ts';
import { aurora } from './aurora.ts';
import { evrythng } from './evrythng.ts';
import { halProblem } from './hal-problem.ts';
import { neo4jAura } from './neo4j-aura.ts';

/** The built-in profiles (DESIGN.md ids), validated by the same schema as user profiles. */
export const BUILTIN_PROFILES: readonly Profile[] = [aurora, neo4jAura, halProblem, evrythng].map(
  (p) => Profile.parse(p),
);
