#!/usr/bin/env -S node --max-semi-space-size=64
// A larger young generation: a cash-application run allocates a little per bank line for
// hundreds of thousands of lines, and with the default 16 MB the collector ran a thousand times
// (5 s of a 30 s run); with 64 MB, a quarter as often. bench/run.ts runs benchmarks with the
// flags on this line, so they time what users run.
// The `duely` command. TypeScript runs directly through tsx: there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
