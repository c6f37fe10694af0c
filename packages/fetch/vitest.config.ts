import { defineProject } from 'vitest/config';
import { adapterProjectConfig } from '../../vitest.shared.ts';

export default defineProject(adapterProjectConfig('@bce-errors/fetch'));
