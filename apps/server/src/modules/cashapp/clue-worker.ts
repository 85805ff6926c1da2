import { parentPort } from 'node:worker_threads';
import { type LineClues, createClueIndex, findClues } from '@duely/domain/cashapp/index';
import { CLUE_CHUNK, type ClueJob, lineAt } from './clue-stream.ts';

// The clue thread (startClueThread in clue-stream.ts): one job, the run's, then it ends.
parentPort!.once('message', (job: ClueJob) => {
  const index = createClueIndex(job);
  let chunk: LineClues[] = [];
  for (let i = 0; i < job.lines.amount.length; i++) {
    chunk.push(findClues(lineAt(job.lines, i), index));
    if (chunk.length === CLUE_CHUNK) {
      parentPort!.postMessage(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) parentPort!.postMessage(chunk);
  parentPort!.close();
});
