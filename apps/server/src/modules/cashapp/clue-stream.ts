import { Worker } from 'node:worker_threads';
import { type ClueColumns, type LineClues, type MatchLine, type PayerIdentifier, createClueIndex, findClues } from '@duely/domain/cashapp/index';

/** What a line's clues are found in: the run's payer identifiers and the invoice columns' numbers and owners. */
export interface ClueInput {
  identifiers: PayerIdentifier[];
  invoices: ClueColumns;
}

/**
 * The clues of a run's lines (findClues), one line after another in the order given. Finding them
 * reads only the clue index, which nothing a run applies changes, so they can be found ahead of
 * the line being decided, on another thread: deciding (against open amounts the run lowers)
 * stays here, in order.
 */
export interface ClueStream {
  /** The next line's clues; a promise only while the clue thread has not got that far. */
  next(): LineClues | Promise<LineClues>;
}

/** Lines per message from the clue thread: few enough messages, and the first soon. */
export const CLUE_CHUNK = 1000;

/** Clues found here, as each line comes: for runs too small to be worth a second thread. */
export function cluesInThread(input: ClueInput, lines: readonly MatchLine[]): ClueStream {
  const index = createClueIndex(input);
  let at = 0;
  return { next: () => findClues(lines[at++]!, index) };
}

/**
 * The lines as the clue thread gets them: a column per field findClues reads. Copied to another
 * thread, 300k small objects take a second to rebuild there; seven arrays, a fifth of that.
 */
export interface LineColumns {
  amount: BigInt64Array;
  currency: string[];
  reference: (string | null)[];
  endToEndId: (string | null)[];
  counterpartyName: (string | null)[];
  counterpartyAccount: (string | null)[];
  remittance: string[];
}

export function lineColumns(lines: readonly MatchLine[]): LineColumns {
  return {
    amount: BigInt64Array.from(lines, (l) => l.amount),
    currency: lines.map((l) => l.currency),
    reference: lines.map((l) => l.reference),
    endToEndId: lines.map((l) => l.endToEndId),
    counterpartyName: lines.map((l) => l.counterpartyName),
    counterpartyAccount: lines.map((l) => l.counterpartyAccount),
    remittance: lines.map((l) => l.remittance),
  };
}

/** One line back from its columns, with what findClues does not read left empty. */
export function lineAt(c: LineColumns, i: number): MatchLine {
  return { amount: c.amount[i]!, currency: c.currency[i]!, bookingDate: '', reference: c.reference[i]!, bankReference: null, endToEndId: c.endToEndId[i]!, counterpartyName: c.counterpartyName[i]!, counterpartyAccount: c.counterpartyAccount[i]!, remittance: c.remittance[i]! };
}

/** What the clue thread is sent: the clue index's input and the lines, as columns. */
export interface ClueJob extends ClueInput {
  lines: LineColumns;
}

/**
 * A worker thread for a run's clues. Started before the run loads anything, so the thread is up
 * by the time the invoices are; `find` sends it a copy of them and the lines, and it builds its
 * own clue index (while this thread builds the open items) and sends the lines' clues back a
 * chunk at a time. A run of 300k lines then spends the 2 cores on finding clues and on deciding
 * at once, not in turn.
 */
export function startClueThread() {
  const worker = new Worker(new URL('./clue-worker.mjs', import.meta.url));
  const chunks: LineClues[][] = [];
  let failure: Error | null = null;
  let ended = false;
  let waiting: (() => void) | null = null;
  const wake = () => {
    const w = waiting;
    waiting = null;
    w?.();
  };
  worker.on('message', (chunk: LineClues[]) => {
    chunks.push(chunk);
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code) => {
    ended = true;
    if (code !== 0 && !failure) failure = new Error(`the clue thread stopped with exit code ${code}`);
    wake();
  });

  return {
    find(input: ClueInput, lines: readonly MatchLine[]): ClueStream {
      const invoices = input.invoices;
      const job: ClueJob = {
        identifiers: input.identifiers,
        invoices: { customers: invoices.customers, count: invoices.count, ids: invoices.ids, numbers: invoices.numbers, owners: invoices.owners, currencies: invoices.currencies, currencyOf: invoices.currencyOf },
        lines: lineColumns(lines),
      };
      worker.postMessage(job);
      let current: LineClues[] = [];
      let at = 0;
      const take = () => {
        if (at >= current.length) {
          current = chunks.shift()!;
          at = 0;
        }
        return current[at++]!;
      };
      const ready = () => at < current.length || chunks.length > 0;
      const missing = () => failure ?? new Error('the clue thread ended before every line had its clues');
      const arrival = () =>
        new Promise<void>((resolve) => {
          waiting = resolve;
        });
      return {
        next: () => {
          if (ready()) return take();
          if (failure || ended) return Promise.reject(missing());
          return arrival().then(() => {
            if (!ready()) throw missing();
            return take();
          });
        },
      };
    },
    /** Stops the thread if it is still working (a run that failed half-way) and lets it go. */
    async close() {
      if (!ended) await worker.terminate();
    },
  };
}
