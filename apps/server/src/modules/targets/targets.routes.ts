import { TargetsIn } from '@duely/contracts/kpis';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { setCollectionTargets } from './targets.service.ts';

export async function targetRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  api.post(
    '/collection-targets',
    { config: { permission: 'targets.manage' }, schema: { tags: ['kpis'], body: TargetsIn, response: { 200: z.object({ saved: z.number().int() }) } } },
    (request) => setCollectionTargets(db, request.ctx, request.body.targets),
  );
}
