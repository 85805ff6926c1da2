#!/usr/bin/env node
// The `duely` command. TypeScript runs directly through tsx: there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
