import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { attachmentsRoutes } from './modules/attachments/attachments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { bulletinsRoutes } from './modules/bulletins/bulletins.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { checkInsRoutes } from './modules/check-ins/check-ins.routes.ts';
import { cockpitRoutes } from './modules/cockpit/cockpit.routes.ts';
import { configureCockpitKeep } from './modules/cockpit/cockpit.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { inboxRoutes } from './modules/inbox/inbox.routes.ts';
import { lightsRoutes } from './modules/lights/lights.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { openCallsRoutes } from './modules/open-calls/open-calls.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { configureSettingsDefaults } from './modules/settings/settings.repo.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { escalationsRoutes } from './modules/supervision/escalations.routes.ts';
import { actualsExcelRoutes } from './modules/targets/actuals-excel.routes.ts';
import { targetsRoutes } from './modules/targets/targets.routes.ts';
import { taskExcelRoutes } from './modules/tasks/task-excel.routes.ts';
import { tasksRoutes } from './modules/tasks/tasks.routes.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { weeklyRollupsRoutes } from './modules/weekly-rollups/weekly-rollups.routes.ts';
import { authPlugin } from './platform/auth/plugin.ts';
import type { TConfig } from './platform/config.ts';
import type { TDatabase } from './platform/db/client.ts';
import { AppError } from './platform/errors.ts';
import { MAX_JSON_DEPTH, measureJsonDepth } from './platform/json-body.ts';
import { findUnstorableText } from './platform/storable-text.ts';
import { testClockRoutes } from './platform/test-clock.routes.ts';
import { bumpWriteEpoch } from './platform/write-epoch.ts';

export interface TAppOptions {
  config: TConfig;
  database: TDatabase;
  logger?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The field a schema validation error is about, as a dotted path. */
function fieldOf(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const fromPath = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  return fromPath || missing || error.validationContext;
}

/**
 * The router's own refusals (a path that does not decode to text, a path parameter beyond its length limit) answer
 * in the error envelope like every other bad input, without echoing the path.
 */
function answerRouterError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path parameter is too long'
      : 'the path is not valid: it holds a broken escape or character';
  reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message, field: 'path' } });
}

/** Builds the Fastify instance: plugins, error handler, every module's routes and the web client. */
export async function buildApp(opts: TAppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  configureSettingsDefaults({ sessionIdleMinutes: config.sessionIdleMinutes });
  configureCockpitKeep(config.cockpitKeepMs);
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1_048_576,
    frameworkErrors: answerRouterError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON must be valid UTF-8 (a body that is not is refused rather than silently repaired) and nest sensibly.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      const text = utf8.decode(body);
      if (measureJsonDepth(text) > MAX_JSON_DEPTH) {
        const message = `the body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`;
        return done(new AppError('VALIDATION_FAILED', message, { field: 'body', status: 400 }));
      }
      done(null, text.length ? JSON.parse(text) : undefined);
    } catch {
      done(new AppError('VALIDATION_FAILED', 'the body is not valid UTF-8 JSON', { field: 'body', status: 400 }));
    }
  });

  // Text PostgreSQL cannot store (a NUL, a lone surrogate) is refused naming the field, on every route at once.
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findUnstorableText(part);
      if (field) {
        const message = 'the text holds a NUL character or a broken Unicode character';
        throw new AppError('VALIDATION_FAILED', message, { field, status: 400 });
      }
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.message, field: error.field, ...error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      return reply.code(request.routeOptions.config.validationStatus ?? 400).send({
        error: { code: 'VALIDATION_FAILED', message: first?.message ?? 'invalid request', field: fieldOf(error) },
      });
    }
    if (error.statusCode === 429) {
      return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: 'too many requests; wait a minute' } });
    }
    if (error.statusCode === 415) {
      return reply.code(415).send({ error: { code: 'UNSUPPORTED_TYPE', message: error.message, field: 'body' } });
    }
    if (error.statusCode === 413) {
      return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: error.message } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({
        error: { code: 'VALIDATION_FAILED', message: error.message, field: 'body' },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });

  await app.register(fastifyHelmet, {
    // HTTPS is the reverse proxy's business: forcing it here would break plain-HTTP intranet deployments.
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Duban API',
        description:
          'Duban (督办) REST API. Errors are {"error":{"code","message","field"}}; lists are paginated with ' +
          '?page=&pageSize= and answer {items,total,page,pageSize}. Log in with POST /auth/login (cookie + CSRF ' +
          'token in x-csrf-token on writes) or send a personal API token as "Authorization: Bearer dbn_…". ' +
          'Editable records (tasks with their charter, milestones, targets with their allocations) answer an ETag ' +
          '("<version>"); send it back as If-Match on a write, and a record changed meanwhile answers 412 ' +
          'STALE_VERSION with the record as it stands (`current`) and its last change (`lastChange`), writing ' +
          'nothing. A write without If-Match is not checked.',
        version: config.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'duban_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(authPlugin, { db: database.db });
  // A write's answer leaves only after its transaction ended: reads kept for a moment are not served past it.
  app.addHook('onSend', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') bumpWriteEpoch();
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, () => app.swagger());
      await api.register(healthRoutes, { pool: database.pool, version: config.version });
      await api.register(authRoutes, { db: database.db, loginRateLimit: config.loginRateLimit });
      await api.register(orgRoutes, { db: database.db });
      await api.register(tokensRoutes, { db: database.db });
      await api.register(settingsRoutes, { db: database.db });
      await api.register(calendarRoutes, { db: database.db });
      await api.register(auditRoutes, { db: database.db, dataDir: config.dataDir });
      await api.register(taskExcelRoutes, { db: database.db });
      await api.register(tasksRoutes, { db: database.db });
      await api.register(attachmentsRoutes, { db: database.db, dataDir: config.dataDir });
      await api.register(openCallsRoutes, { db: database.db });
      await api.register(inboxRoutes, { db: database.db });
      await api.register(checkInsRoutes, { db: database.db });
      await api.register(weeklyRollupsRoutes, { db: database.db });
      await api.register(notificationsRoutes, {
        db: database.db,
        mail: config.smtpUrl ? { url: config.smtpUrl, from: config.smtpFrom } : null,
      });
      await api.register(lightsRoutes, { db: database.db });
      await api.register(escalationsRoutes, { db: database.db });
      await api.register(bulletinsRoutes, { db: database.db });
      await api.register(actualsExcelRoutes, { db: database.db });
      await api.register(targetsRoutes, { db: database.db });
      await api.register(cockpitRoutes, { db: database.db });
      if (config.testClock) await api.register(testClockRoutes);
    },
    { prefix: '/api/v1' },
  );

  const hasWeb = existsSync(path.join(config.webDist, 'index.html'));
  if (hasWeb) {
    // Hashed build files never change under their name: cached for a year. Anything else (index.html, the icon) is
    // revalidated on each load, so a new version shows at once. The build writes brotli and gzip copies beside each
    // file; the one the browser accepts is sent.
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const isHashed = filePath.startsWith(path.join(config.webDist, 'assets') + path.sep);
        reply.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A build file that is not there (a page of an older version asking for its chunks) is a 404, never the page.
    const isFile = request.url.startsWith('/api/') || request.url.startsWith('/assets/');
    if (isFile || (request.method !== 'GET' && request.method !== 'HEAD') || !hasWeb) {
      return reply
        .code(404)
        .send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } });
    }
    // Client-side routes: every other GET gets the web client.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
