import { TenantSettings, TenantSettingsPatch } from '@duely/contracts/settings';
import type { AppDeps } from '../../http/app.ts';
import type { Api } from '../../http/routes.ts';
import { getSettings, updateSettings } from './settings.service.ts';

export async function settingsRoutes(api: Api, deps: AppDeps) {
  const { db } = deps.database;
  api.get('/settings', { config: { authenticated: true }, schema: { tags: ['settings'], response: { 200: TenantSettings } } }, (request) => getSettings(db, request.ctx));
  api.patch('/settings', { config: { permission: 'settings.manage' }, schema: { tags: ['settings'], body: TenantSettingsPatch, response: { 200: TenantSettings } } }, (request) =>
    updateSettings(db, request.ctx, request.body),
  );
}
