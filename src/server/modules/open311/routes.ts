import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/actor.ts';
import { AppError, presentError } from '../../http/errors.ts';
import { actorOfOpen311Key } from './keys.ts';
import { presentService, presentServiceRequest, serviceNotice } from './presenter.ts';
import { findService, findServiceRequest, listServiceRequests, listServices } from './queries.ts';
import {
  discoverySchema,
  formatParams,
  idempotencyHeaders,
  open311ErrorsSchema,
  postResultSchema,
  requestInput,
  requestParams,
  requestQuery,
  requestsQuery,
  serviceDefinitionSchema,
  serviceParams,
  serviceRequestSchema,
  servicesQuery,
  serviceSchema,
  type Open311Format,
} from './schemas.ts';
import { submitServiceRequest } from './submit.ts';
import { xmlDocument, xmlSingle, type XmlRecord } from './xml.ts';

export const OPEN311_PREFIX = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's list of methods and formats last changed (the discovery file's changeset). */
const CHANGESET = '2026-01-01T00:00:00+08:00';
const errors = { 400: open311ErrorsSchema, 403: open311ErrorsSchema, 404: open311ErrorsSchema };
const keyDoc = 'api_key: the key an administrator issued (query, form field or X-Api-Key header).';

function formatOf(request: FastifyRequest): Open311Format {
  const param = (request.params as { format?: unknown } | undefined)?.format;
  if (param === 'xml' || param === 'json') return param;
  return /\.xml(?:$|\?)/.test(request.url) ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Open311Format, status: number, json: unknown, xml: () => string) {
  if (format === 'xml') return reply.status(status).type('text/xml; charset=utf-8').send(xml());
  return reply.status(status).send(json);
}

/** GeoReport errors: a list of {code, description}, the code being the HTTP status (403 for any key problem). */
function sendErrors(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  const status = err.code === 'unauthenticated' || err.code === 'csrf' ? 403 : err.status;
  const body = presentError(err, request.locale).error;
  const list = body.fields.length
    ? body.fields.map((f) => ({ code: status, description: `${f.path.replace(/^(query|params|headers)\./, '')}: ${f.message}` }))
    : [{ code: status, description: body.message }];
  return send(reply, formatOf(request), status, list, () => xmlDocument('errors', 'error', list));
}

/**
 * MAT-1 the Open311 GeoReport v2 interface: services are matter categories,
 * service requests are matters. Outside /api and its session gate: a client
 * authenticates with `api_key`, and the key acts as one account, whose scope
 * then decides what it may raise and read.
 */
export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets, config } = app.deps;

  // Existing clients post HTML-form encoding; only this interface accepts it.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendErrors(request, reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendErrors(request, reply, new AppError('validation'));
    request.log.error({ err: error }, 'unhandled error');
    return sendErrors(request, reply, new AppError('internal'));
  });
  app.setNotFoundHandler((request, reply) => sendErrors(request, reply, new AppError('not_found')));

  async function keyActor(request: FastifyRequest, bodyKey?: string): Promise<Actor> {
    const query = request.query as { api_key?: string } | undefined;
    const header = request.headers['x-api-key'];
    // Clients send empty fields for what they leave out, so an empty api_key is no key.
    const actor = await actorOfOpen311Key(kysely, bodyKey || query?.api_key || (typeof header === 'string' ? header : undefined));
    if (!actor) throw new AppError('forbidden', { key: 'open311.api_key_invalid' });
    return actor;
  }

  app.get(
    '/discovery.:format',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['open311'],
        summary: 'Open311 服务发现 Service discovery: where the GeoReport v2 endpoint is and its formats',
        security: [],
        params: formatParams,
        response: { 200: discoverySchema },
      },
    },
    async (request, reply) => {
      const base = config.publicUrl ?? `${request.protocol}://${request.host}`;
      const discovery = {
        changeset: CHANGESET,
        contact: '红图平台管理员 Hongtu platform administrators',
        key_service: '向平台管理员申请 API 密钥 Ask the platform administrators for an API key',
        endpoints: [
          {
            specification: SPECIFICATION,
            url: base + OPEN311_PREFIX,
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      };
      return send(reply, request.params.format, 200, discovery, () => xmlSingle('discovery', discovery));
    },
  );

  app.get(
    '/services.:format',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['open311'],
        summary: 'GET services: 事项类别 the matter categories as GeoReport services (no key needed)',
        security: [],
        params: formatParams,
        querystring: servicesQuery,
        response: { 200: serviceSchema.array(), ...errors },
      },
    },
    async (request, reply) => {
      const services = (await listServices(kysely)).map((c) => presentService(c, request.locale));
      return send(reply, request.params.format, 200, services, () => xmlDocument('services', 'service', services));
    },
  );

  app.get(
    '/services/:service_code.:format',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['open311'],
        summary: 'GET service definition: categories take no extra attributes (metadata false), so the list is empty',
        security: [],
        params: serviceParams,
        querystring: servicesQuery,
        response: { 200: serviceDefinitionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const service = await findService(kysely, request.params.service_code);
      if (!service) throw new AppError('not_found', { key: 'open311.service_code_unknown', params: { code: request.params.service_code } });
      const definition = { service_code: service.code, attributes: [] };
      return send(reply, request.params.format, 200, definition, () => xmlSingle('service_definition', definition));
    },
  );

  app.post(
    '/requests.:format',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['open311'],
        summary: `POST requests: raise a matter (source open311). ${keyDoc} Idempotency-Key header or attribute[client_request_id] make retries return the first request (200) instead of a second (201).`,
        security: [],
        params: formatParams,
        headers: idempotencyHeaders,
        body: requestInput,
        response: { 200: postResultSchema, 201: postResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await keyActor(request, request.body.api_key);
      const result = await submitServiceRequest({
        db: kysely,
        actor,
        secrets,
        input: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      const answer = [
        { service_request_id: result.code, service_notice: serviceNotice(result.replyDueAt, request.locale), account_id: null },
      ];
      return send(reply, request.params.format, result.created ? 201 : 200, answer, () =>
        xmlDocument('service_requests', 'request', answer),
      );
    },
  );

  app.get(
    '/requests.:format',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['open311'],
        summary: `GET requests: the key account's matters by service_request_id list, or service_code, status (open/closed) and start_date/end_date (default the last 90 days; at most 1000). ${keyDoc}`,
        security: [],
        params: formatParams,
        querystring: requestsQuery,
        response: { 200: serviceRequestSchema.array(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = await keyActor(request);
      const q = request.query;
      const rows = await listServiceRequests(kysely, actor, {
        codes: q.service_request_id,
        serviceCodes: q.service_code,
        start: q.start_date,
        end: q.end_date,
        status: q.status,
      });
      const items = rows.map((r) => presentServiceRequest(r, request.locale));
      return send(reply, request.params.format, 200, items, () => xmlDocument('service_requests', 'request', items as XmlRecord[]));
    },
  );

  app.get(
    '/requests/:service_request_id.:format',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['open311'],
        summary: `GET request: one matter by its record number (service_request_id), as a one-item list. ${keyDoc}`,
        security: [],
        params: requestParams,
        querystring: requestQuery,
        response: { 200: serviceRequestSchema.array(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = await keyActor(request);
      const row = await findServiceRequest(kysely, actor, request.params.service_request_id);
      if (!row) throw new AppError('not_found', { key: 'open311.request_not_found' });
      const items = [presentServiceRequest(row, request.locale)];
      return send(reply, request.params.format, 200, items, () => xmlDocument('service_requests', 'request', items as XmlRecord[]));
    },
  );
};
