import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { CSRF_HEADER, SESSION_COOKIE, resolveSession } from './auth/sessions.ts';
import type { Deps } from './http/context.ts';
import { AppError, presentError } from './http/errors.ts';
import { registerMetrics } from './http/metrics.ts';
import { validatorCompiler } from './http/validation.ts';
import { negotiateLocale } from './i18n/messages.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { auditChainer } from './modules/audit/chain.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { beltRoutes } from './modules/belts/routes.ts';
import { buildingRoutes } from './modules/buildings/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { villageRoutes } from './modules/villages/routes.ts';
import { matchingRoutes } from './modules/matching/routes.ts';
import { needRoutes } from './modules/needs/routes.ts';
import { projectRoutes } from './modules/projects/routes.ts';
import { resourceRoutes } from './modules/resources/routes.ts';
import { enterpriseRoutes } from './modules/enterprises/routes.ts';
import { fieldWorkRoutes } from './modules/field-work/routes.ts';
import { gridDashboardRoutes } from './modules/grid-dashboard/routes.ts';
import { gridRoutes } from './modules/grids/routes.ts';
import { householdRoutes } from './modules/households/routes.ts';
import { instructorRoutes } from './modules/instructors/routes.ts';
import { investmentRoutes } from './modules/investment/routes.ts';
import { importRoutes } from './modules/imports/routes.ts';
import { leaseRoutes } from './modules/leases/routes.ts';
import { matterRoutes } from './modules/matters/routes.ts';
import { matterDashboardRoutes } from './modules/matter-dashboard/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { open311KeyRoutes } from './modules/open311/key-routes.ts';
import { OPEN311_PREFIX, open311Routes } from './modules/open311/routes.ts';
import { outboxRoutes } from './modules/outbox/routes.ts';
import { organisationRoutes } from './modules/organisations/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { policyApplicationRoutes } from './modules/policies/application-routes.ts';
import { policyRoutes } from './modules/policies/routes.ts';
import { policyMeetingRoutes } from './modules/policy-meetings/routes.ts';
import { policyResultRoutes } from './modules/policy-results/routes.ts';
import { regionRoutes } from './modules/regions/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { registryOverviewRoutes } from './modules/registry-overview/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { userRoutes } from './modules/users/routes.ts';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from dist/web (default: when it exists). */
  serveWeb?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Builds the HTTP app. Every request passes the same gate: locale, session,
 * auth mode, CSRF for cookie-authenticated writes; then the route handler
 * (validate → authorise → command → present).
 */
export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel },
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  // The route table, so tests can prove every endpoint has a scope test.
  const routeTable: { method: string; url: string; auth: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, auth: (route.config as { auth?: string } | undefined)?.auth ?? 'user' });
    }
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('csrfToken', null);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hongtu 红图 API',
        description: '党建引领基层治理平台 — party-building-led grassroots governance. Errors: `{ error: { code, message, fields[] } }` in zh-CN or en (X-Locale / Accept-Language).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // SEC-2 a write's audit row is linked into the hash chain just after its commit (one pass for a burst of writes).
  const chainer = auditChainer(deps.kysely, { onError: (err) => app.log.error({ err }, 'audit chain pass failed') });
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 400 && request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') chainer.poke();
  });
  app.addHook('onClose', async () => chainer.settle());

  app.addHook('onRequest', async (request) => {
    request.locale = negotiateLocale({
      explicit: request.headers['x-locale'] as string | undefined,
      acceptLanguage: request.headers['accept-language'],
    });
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(presentError(error, request.locale));
    }
    const err = error as { statusCode?: number; code?: string; validation?: unknown };
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.statusCode === 400) {
      return reply.status(400).send(presentError(new AppError('validation'), request.locale));
    }
    if (err.statusCode === 415 || err.statusCode === 413) {
      return reply.status(err.statusCode).send(presentError(new AppError('validation'), request.locale));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(presentError(new AppError('internal'), request.locale));
  });

  registerMetrics(app);
  await app.register(systemRoutes);
  // MAT-1 Open311 GeoReport v2: outside /api and its session gate; clients authenticate with an API key.
  await app.register(open311Routes, { prefix: OPEN311_PREFIX });
  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate);
      api.addHook('preHandler', authorise);
      await api.register(authRoutes);
      await api.register(regionRoutes);
      await api.register(organisationRoutes);
      await api.register(peopleRoutes);
      await api.register(userRoutes);
      await api.register(auditRoutes);
      await api.register(buildingRoutes);
      await api.register(enterpriseRoutes);
      await api.register(leaseRoutes);
      await api.register(notificationRoutes);
      await api.register(outboxRoutes);
      await api.register(beltRoutes);
      await api.register(investmentRoutes);
      await api.register(instructorRoutes);
      await api.register(searchRoutes);
      await api.register(registryOverviewRoutes);
      await api.register(importRoutes);
      await api.register(matterRoutes);
      await api.register(matterDashboardRoutes);
      await api.register(open311KeyRoutes);
      await api.register(calendarRoutes);
      // VIL-1 … VIL-4 traditional villages.
      await api.register(villageRoutes);
      // LST-1 … LST-4 the three lists.
      await api.register(needRoutes);
      await api.register(resourceRoutes);
      await api.register(projectRoutes);
      await api.register(matchingRoutes);
      // GRD-1 … GRD-3 grids, households, field work and their figures.
      await api.register(gridRoutes);
      await api.register(householdRoutes);
      await api.register(fieldWorkRoutes);
      await api.register(gridDashboardRoutes);
      // POL-1 … POL-4 policies for enterprises.
      await api.register(policyRoutes);
      await api.register(policyResultRoutes);
      await api.register(policyApplicationRoutes);
      await api.register(policyMeetingRoutes);
    },
    { prefix: '/api' },
  );

  const serveWeb = options.serveWeb ?? existsSync(WEB_DIST + 'index.html');
  if (serveWeb) {
    // Wildcard serving reads the folder per request, so a rebuilt bundle is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    // A missing bundle file is a 404, not the app: a stale page must not load HTML as a script.
    if (!isApi && serveWeb && request.method === 'GET' && !request.url.startsWith('/assets/')) {
      // The single-page app routes on the client.
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(presentError(new AppError('not_found'), request.locale));
  });

  return app;

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(deps.kysely, token);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    request.locale = negotiateLocale({
      explicit: request.headers['x-locale'] as string | undefined,
      user: session.actor.locale,
      acceptLanguage: request.headers['accept-language'],
    });
  }
}

async function authorise(request: FastifyRequest): Promise<void> {
  const mode = request.routeOptions.config.auth ?? 'user';
  if (mode === 'public') return;
  if (!request.actor) throw new AppError('unauthenticated');
  // Cookies ride along on cross-site requests; a header only our own pages can read does not.
  if (!SAFE_METHODS.has(request.method) && request.csrfToken) {
    if (request.headers[CSRF_HEADER] !== request.csrfToken) throw new AppError('csrf');
  }
}
