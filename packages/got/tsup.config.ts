import { defineLibraryConfig } from '../../tsup.base.ts';

export default defineLibraryConfig();
