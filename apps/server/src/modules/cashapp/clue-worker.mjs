// The clue thread's entry (cluesInWorker in clue-stream.ts). A worker does not inherit the loader
// `duely` registers for TypeScript on the main thread, so it loads its own module through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./clue-worker.ts', import.meta.url);
