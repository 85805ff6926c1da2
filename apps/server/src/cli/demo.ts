import type { Database } from '../platform/db.ts';
import { progressBar } from './progress.ts';

export async function loadDemoWithProgress(database: Database, tenantId: string, showProgress: boolean) {
  const { loadDemo } = await import('../modules/demo/load.ts');
  const bar = progressBar(showProgress, 'Loading demo data');
  try {
    return await loadDemo(database.db, { tenantId, onProgress: (done: number, total: number, label: string) => bar.update(done, total, label) });
  } finally {
    bar.stop();
  }
}
