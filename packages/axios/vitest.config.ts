import { defineConfig } from 'vitest/config';
import { adapterProjectConfig } from '../../vitest.shared.ts';

export default defineConfig(adapterProjectConfig('@bce-errors/axios'));
