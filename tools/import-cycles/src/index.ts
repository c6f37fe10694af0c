export {
  findImportCycles,
  formatResult,
  resolveRelativeImport,
  runtimeImports,
  workspaceGlobs,
  type CycleStep,
  type FindImportCyclesOptions,
  type ImportCycle,
  type ImportCyclesResult,
  type RuntimeImport,
} from './import-cycles.js';
export { main, type CheckOutput } from './main.js';
