import { type Database, settleTables } from '../platform/db.ts';
import { progressBar } from './progress.ts';

export async function loadDemoWithProgress(database: Database, tenantId: string, showProgress: boolean) {
  const { loadDemo } = await import('../modules/demo/load.ts');
  const bar = progressBar(showProgress, 'Loading demo data');
  try {
    const summary = await loadDemo(database.db, { tenantId, onProgress: (done: number, total: number, label: string) => bar.update(done, total, label) });
    await settleTables(database.db);
    return summary;
  } finally {
    bar.stop();
  }
}
