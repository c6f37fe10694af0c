export {
  readPackageSurface,
  snapshotPath,
  PUBLISHED_PACKAGES,
  REPOSITORY_ROOT,
  type PackageSurface,
  type EntryExports,
} from './read-export-names.js';
