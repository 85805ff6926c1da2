import { TargetsIn } from '@duely/contracts/kpis';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { importCollectionTargets, setCollectionTargets } from './targets.service.ts';

export async function targetRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  api.post(
    '/collection-targets',
    { config: { permission: 'targets.manage' }, schema: { tags: ['kpis'], body: TargetsIn, response: { 200: z.object({ saved: z.number().int() }) } } },
    (request) => setCollectionTargets(db, request.ctx, request.body.targets),
  );
  api.post(
    '/collection-targets/import',
    {
      config: { permission: 'targets.manage' },
      schema: {
        tags: ['kpis'],
        body: z.object({ csv: z.string().min(1).max(5_000_000), dry_run: z.boolean().default(false) }),
        response: { 200: z.object({ saved: z.number().int(), rows: z.number().int(), errors: z.array(z.object({ line: z.number().int(), column: z.string(), reason: z.string() })) }) },
      },
    },
    // A file with bad rows is a report (errors listed, nothing saved), like every import.
    (request) => importCollectionTargets(db, request.ctx, request.body.csv, { dryRun: request.body.dry_run }),
  );
}
