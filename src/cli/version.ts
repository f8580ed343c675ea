import { createRequire } from 'node:module';

/** package.json's version; the same relative path works from src/cli and dist/cli. */
export const TOOL_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
