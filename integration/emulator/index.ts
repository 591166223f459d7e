export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server.ts';
export type { EmulatorControl } from './control.ts';
export type { RequestCounts } from './counters.ts';
export { FaultSpecError, type ActiveFault, type FaultError, type FaultSpec } from './faults.ts';
export { ROUTE_KEYS, type RouteKey } from './router.ts';
export {
  demoSeedPath,
  loadSeed,
  SeedError,
  validateSeed,
  type Seed,
  type SeedAccount,
  type SeedChild,
  type SeedMedia,
  type SeedToken,
} from './seed.ts';
