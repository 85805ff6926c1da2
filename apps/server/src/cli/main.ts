import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { buildApp } from '../http/app.ts';
import { verifyAudit } from '../platform/audit.ts';
import { systemCtx } from '../platform/context.ts';
import { refreshStatistics, settleTables } from '../platform/db.ts';
import { toErrorResponse } from '../platform/errors.ts';
import { listTenants } from '../modules/identity/identity.repo.ts';
import { createApiToken, createTenant, createUser } from '../modules/identity/identity.service.ts';
import { ROLES } from '../modules/identity/permissions.ts';
import { verifyLedger } from '../modules/ledger/ledger.service.ts';
import { type GlobalOptions, openConfigured, print, tenantFor, withDatabase } from './context.ts';
import { loadDemoWithProgress } from './demo.ts';
import { registerReportCommands } from './report.ts';
import { registerImportCommand } from './import.ts';
import { registerStatementCommands } from './statement.ts';

function roleList(value: string, previous: string[] = []) {
  const roles = value.split(',').map((r) => r.trim());
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) throw new InvalidArgumentError(`unknown role "${role}" (${ROLES.join(', ')})`);
  }
  return [...previous, ...roles];
}

export function buildCli() {
  const program = new Command('duely')
    .description('Duely: accounts-receivable collections and credit control')
    .option('--json', 'machine-readable output')
    .option('--tenant <slug>', 'work on this company instead of the default one')
    .showHelpAfterError();
  const globals = () => program.opts<GlobalOptions>();

  program
    .command('serve')
    .description('run the API and web app (migrates first; loads demo data on the very first start)')
    .action(async () => {
      const opened = await openConfigured();
      const { config, database } = opened;
      if (opened.defaultTenantCreated) {
        if (process.env.DUELY_DEMO === 'false') {
          const password = randomBytes(9).toString('base64url');
          await createUser(database.db, systemCtx(opened.defaultTenant.id), { email: 'admin@duely.local', name: 'Administrator', password, roles: ['admin'] });
          console.log(`\nAdmin login: admin@duely.local / ${password}\n`);
        } else {
          const summary = await loadDemoWithProgress(database, opened.defaultTenant.id, true);
          console.log(`\nDemo company loaded. Log in as ${summary.adminEmail} / ${summary.adminPassword}\n`);
        }
      }
      // PGlite has no autovacuum: what the last run wrote is settled now, before serving reports.
      if (database.kind === 'pglite') await settleTables(database.db);
      const app = await buildApp({ database, config });
      await app.listen({ port: config.port, host: config.host });
      const where = `http://localhost:${config.port}`;
      console.log(`Duely is running on ${where} (API ${where}/api/v1, OpenAPI ${where}/docs) — database: ${database.kind === 'pglite' ? config.dataDir : 'PostgreSQL'}`);
      // Nor does anything refresh PGlite's statistics while it serves: a foreign-key check is
      // planned once per connection, and one planned while a table was small scans all of it for
      // every row written from then on. Hourly is often enough to follow a company's growth.
      const refresher =
        database.kind === 'pglite'
          ? setInterval(() => {
              refreshStatistics(database.db).catch((error) => app.log.warn({ err: error }, 'statistics refresh failed'));
            }, 3_600_000)
          : null;
      refresher?.unref();
      const shutdown = async () => {
        if (refresher) clearInterval(refresher);
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      await new Promise(() => {});
    });

  program
    .command('migrate')
    .description('apply database migrations; create the default company if there is none')
    .action(() =>
      withDatabase(async ({ applied, defaultTenant, defaultTenantCreated }) => {
        print(globals(), `${applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date'}${defaultTenantCreated ? `; created company "${defaultTenant.slug}"` : ''}`, {
          applied,
          default_tenant: defaultTenant.slug,
          created: defaultTenantCreated,
        });
      }),
    );

  program
    .command('demo')
    .description('load demo data (customers, invoices, receipts) into a company')
    .action(() =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const tenant = opts.tenant
          ? await tenantFor(database, opts).catch(() => createTenant(database.db, { slug: opts.tenant!, name: `Demo ${opts.tenant}` }))
          : await tenantFor(database, opts);
        const summary = await loadDemoWithProgress(database, tenant.id, !opts.json);
        print(opts, `Demo data loaded into "${tenant.slug}". Log in as ${summary.adminEmail} / ${summary.adminPassword}`, summary);
      }),
    );

  const tenantCmd = program.command('tenant').description('companies');
  tenantCmd
    .command('create')
    .requiredOption('--slug <slug>', 'short name used in URLs and --tenant')
    .requiredOption('--name <name>', 'company name')
    .option('--currency <code>', 'base currency', 'INR')
    .option('--time-zone <tz>', 'IANA time zone', 'Asia/Kolkata')
    .option('--gst-state <code>', 'GST state code of the company (omit outside India)')
    .action((o: { slug: string; name: string; currency: string; timeZone: string; gstState?: string }) =>
      withDatabase(async ({ database }) => {
        const tenant = await createTenant(database.db, {
          slug: o.slug,
          name: o.name,
          baseCurrency: o.currency,
          timeZone: o.timeZone,
          gstStateCode: o.gstState ?? (o.currency === 'INR' ? '24' : null),
        });
        print(globals(), `Created company ${tenant.slug}`, { id: tenant.id, slug: tenant.slug });
      }),
    );

  const userCmd = program.command('user').description('users');
  userCmd
    .command('create')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--password <password>', 'at least 10 characters; generated and printed if left out')
    .option('--role <roles>', `comma-separated: ${ROLES.join(', ')}`, roleList)
    .action((o: { email: string; name: string; password?: string; role?: string[] }) =>
      withDatabase(async ({ database }) => {
        const tenant = await tenantFor(database, globals());
        const password = o.password ?? randomBytes(12).toString('base64url');
        const user = await createUser(database.db, systemCtx(tenant.id, 'cli'), { email: o.email, name: o.name, password, roles: o.role ?? ['viewer'] });
        print(globals(), `Created ${user.email} (${user.roles.join(', ')}) in "${tenant.slug}"${o.password ? '' : ` with password ${password}`}`, {
          id: user.id,
          email: user.email,
          roles: user.roles,
          ...(o.password ? {} : { password }),
        });
      }),
    );

  const tokenCmd = program.command('token').description('API tokens for machines');
  tokenCmd
    .command('create')
    .requiredOption('--email <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for')
    .action((o: { email: string; name: string }) =>
      withDatabase(async ({ database }) => {
        const tenant = await tenantFor(database, globals());
        const user = await database.db.selectFrom('users').select('id').where('tenant_id', '=', tenant.id).where('email', '=', o.email.toLowerCase()).executeTakeFirst();
        if (!user) throw new InvalidArgumentError(`no user ${o.email} in "${tenant.slug}"`);
        const token = await createApiToken(database.db, systemCtx(tenant.id, 'cli'), { name: o.name, userId: user.id });
        print(globals(), `API token (shown once): ${token.token}`, token);
      }),
    );

  program
    .command('verify')
    .description('check the ledger: entries balance, open items = AR sub-ledger = AR control')
    .action(() =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const tenants = opts.tenant ? [await tenantFor(database, opts)] : await listTenants(database.db);
        const results = [];
        for (const tenant of tenants) results.push({ tenant: tenant.slug, ...(await verifyLedger(database.db, tenant.id)) });
        const lines = results.flatMap((r) => [`${r.ok ? 'OK  ' : 'FAIL'} ${r.tenant}`, ...r.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.detail}${c.ok ? '' : ` — ${JSON.stringify(c.problems.slice(0, 5))}`}`)]);
        print(opts, lines.join('\n'), results);
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      }),
    );

  const auditCmd = program.command('audit').description('audit trail');
  auditCmd
    .command('verify')
    .description('walk the hash chain: detects edited, removed or re-ordered entries')
    .action(() =>
      withDatabase(async ({ database }) => {
        const opts = globals();
        const tenants = opts.tenant ? [await tenantFor(database, opts)] : await listTenants(database.db);
        const results = [];
        for (const tenant of tenants) results.push({ tenant: tenant.slug, ...(await verifyAudit(database.db, tenant.id)) });
        const lines = results.flatMap((r) => [`${r.ok ? 'OK  ' : 'FAIL'} ${r.tenant}: ${r.entries} entries`, ...r.problems.map((p) => `  entry ${p.seq}: ${p.problem}`)]);
        print(opts, lines.join('\n'), results);
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      }),
    );

  registerImportCommand(program, globals);
  registerStatementCommands(program, globals);
  registerReportCommands(program, globals);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const json = argv.includes('--json');
    const { status, body } = toErrorResponse(error);
    const message = status === 500 ? (error instanceof Error ? error.message : String(error)) : body.error.message;
    if (json) process.stdout.write(`${JSON.stringify({ error: { ...body.error, message } })}\n`);
    else process.stderr.write(`duely: ${message}\n`);
    return status === 500 ? 2 : 1;
  }
}
