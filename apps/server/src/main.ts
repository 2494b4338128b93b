import { buildApp } from './app.ts';
import { sweepOrphanFiles } from './modules/attachments/orphan-files.ts';
import { bootstrapData } from './modules/org/seed.ts';
import { generateRollups } from './modules/weekly-rollups/weekly-rollups.service.ts';
import { loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/client.ts';
import { ensureDatabase, startEmbeddedPostgres, type TEmbeddedPostgres } from './platform/db/embedded.ts';
import { migrateWithLock } from './platform/db/migrate.ts';
import { createFileStore } from './platform/files/store.ts';
import { startScheduler, type TJob } from './platform/jobs/scheduler.ts';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** Starts Duban: config → database → migrations → data → HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: TEmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    say(`Starting the embedded PostgreSQL (data in ${config.dataDir}) …`);
    embedded = await startEmbeddedPostgres(config.dataDir, say);
    await ensureDatabase(embedded.url('postgres'), 'duban');
    url = embedded.url('duban');
  }
  const database = openDatabase(url);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping …`);
    scheduler?.stop();
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let scheduler: { stop: () => void } | undefined;
  try {
    await migrateWithLock(database, url);
    const seeded = await bootstrapData(database.db, { demo: config.demo });
    app = await buildApp({ config, database });
    await app.listen({ port: config.port, host: config.host });
    const jobs: TJob[] = [];
    if (config.weeklyRollupCron) {
      jobs.push({
        name: 'weekly-rollups',
        cron: config.weeklyRollupCron,
        run: () => generateRollups(database.db, null, {}),
      });
    }
    const store = createFileStore(config.dataDir);
    jobs.push({ name: 'orphan-files', cron: '30 3 * * *', run: () => sweepOrphanFiles(database.db, store) });
    scheduler = startScheduler(database.pool, jobs, { info: (m) => app?.log.info(m), error: (m) => app?.log.error(m) });
    const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    say('');
    say(`Duban is running: http://${shownHost}:${config.port}/`);
    say(`API docs:         http://${shownHost}:${config.port}/api/docs`);
    for (const line of seeded.messages) say(line);
  } catch (error) {
    process.stderr.write(`Duban could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
    await database.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(1);
  }
}

void main();
