import { buildApp } from './app.ts';
import { sweepOrphanFiles } from './modules/attachments/orphan-files.ts';
import { anchorAudit } from './modules/audit/audit.service.ts';
import { generateWeeklyBulletin } from './modules/bulletins/bulletins.jobs.ts';
import { lightsMissing, sweepLights } from './modules/lights/lights.service.ts';
import { startDeliveryWorker } from './modules/notifications/delivery-worker.ts';
import { sendDailyDigest } from './modules/notifications/digest.jobs.ts';
import { bootstrapData } from './modules/org/seed.ts';
import { generateRollups } from './modules/weekly-rollups/weekly-rollups.service.ts';
import { isAnchorDue } from './platform/audit/anchor.ts';
import { loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/client.ts';
import { ensureDatabase, startEmbeddedPostgres, type TEmbeddedPostgres } from './platform/db/embedded.ts';
import { prepareSchema } from './platform/db/migrate.ts';
import { DATABASE_LOST_EXIT, watchDatabase } from './platform/db/watchdog.ts';
import { createFileStore } from './platform/files/store.ts';
import { runExclusive, startScheduler, type TJob } from './platform/jobs/scheduler.ts';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** Starts Duban: config → database → migrations → data → HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: TEmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  let ownerUrl = config.databaseOwnerUrl;
  if (!url) {
    say(`Starting the embedded PostgreSQL (data in ${config.dataDir}) …`);
    embedded = await startEmbeddedPostgres(config.dataDir, say);
    await ensureDatabase(embedded.url('postgres'), 'duban');
    ownerUrl = embedded.url('duban');
    url = embedded.runtimeUrl('duban');
  }
  const database = openDatabase(url);
  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping …`);
    watchdog.stop();
    scheduler?.stop();
    // Each step is given a few seconds: with the database gone, a step may wait on it for ever.
    const within = (work: Promise<unknown> | undefined) =>
      Promise.race([work?.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await within(deliveryWorker?.stop());
    await within(app?.close());
    await within(database.close());
    await within(embedded?.stop());
    process.exit(code);
  };
  // A server whose database is gone exits after DATABASE_GIVE_UP_S seconds rather than answer 503 for ever: the start
  // script (or a service manager) starts it again, the embedded PostgreSQL with it.
  const watchdog = watchDatabase(database.pool, {
    everyMs: 3_000,
    giveUpAfterMs: config.databaseGiveUpMs,
    log: say,
    onLost: (down) => {
      process.stderr.write(
        `The database has not answered for ${Math.round(down / 1000)} s: exiting to be restarted.\n`,
      );
      void stop('database lost', DATABASE_LOST_EXIT);
    },
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let scheduler: { stop: () => void } | undefined;
  let deliveryWorker: { stop: () => Promise<void> } | undefined;
  try {
    const { risks } = await prepareSchema(ownerUrl, database, url);
    for (const risk of risks) {
      process.stderr.write(
        `Warning: ${risk}, so it could turn off the audit log's protection; run the platform as a plain role and ` +
          'give the owner role as DATABASE_OWNER_URL (README, "Database roles").\n',
      );
    }
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
    if (config.bulletinCron) {
      jobs.push({ name: 'bulletin', cron: config.bulletinCron, run: () => generateWeeklyBulletin(database.db) });
    }
    if (config.lightSweepCron) {
      jobs.push({ name: 'lights-sweep', cron: config.lightSweepCron, run: () => sweepLights(database.db) });
    }
    // A database upgraded to lights gets them now rather than at the next morning's sweep.
    if (await lightsMissing(database.db)) {
      void runExclusive(database.pool, 'lights-sweep', () => sweepLights(database.db)).catch((error: unknown) =>
        app?.log.error(`the first light sweep failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    if (config.digestCron) {
      jobs.push({ name: 'digest', cron: config.digestCron, run: () => sendDailyDigest(database.db) });
    }
    if (config.auditAnchorCron && isAnchorDue(config.dataDir)) {
      void runExclusive(database.pool, 'audit-anchor', () => anchorAudit(database.db, null, config.dataDir)).catch(
        (error: unknown) =>
          app?.log.error(`anchoring the audit chain failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    if (config.auditAnchorCron) {
      jobs.push({
        name: 'audit-anchor',
        cron: config.auditAnchorCron,
        run: () => anchorAudit(database.db, null, config.dataDir),
      });
    }
    const store = createFileStore(config.dataDir);
    jobs.push({ name: 'orphan-files', cron: '30 3 * * *', run: () => sweepOrphanFiles(database.db, store) });
    scheduler = startScheduler(database.pool, jobs, { info: (m) => app?.log.info(m), error: (m) => app?.log.error(m) });
    deliveryWorker = startDeliveryWorker(database.db, config, {
      info: (m) => app?.log.info(m),
      error: (m) => app?.log.error(m),
    });
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
