import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, SESSION_COOKIE, createSession, deleteSession } from '../../auth/sessions.ts';
import { LOCALES } from '../../db/schema.ts';
import { AppError, errorBodySchema } from '../../http/errors.ts';
import { requireActor } from '../../http/context.ts';
import { presentUser, userSchema } from '../users/presenter.ts';
import { findUserById } from '../users/queries.ts';
import { changeOwnPassword, setOwnLocale, signIn } from './commands.ts';

const sessionBody = z.object({ user: userSchema, csrfToken: z.string() });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, config } = app.deps;

  function setSessionCookies(reply: FastifyReply, session: { token: string; csrfToken: string; expiresAt: Date }): void {
    const common = { path: '/', sameSite: 'lax' as const, secure: config.secureCookies, expires: session.expiresAt };
    reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
    // Readable by our own pages, which echo it in X-CSRF-Token on every write.
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
  }

  async function currentUser(userId: string) {
    const row = await findUserById(kysely, userId);
    if (!row) throw new AppError('unauthenticated');
    return presentUser(row);
  }

  app.post(
    '/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in',
        body: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }),
        response: { 200: sessionBody, 401: errorBodySchema, 423: errorBodySchema },
      },
    },
    async (request, reply) => {
      const session = await signIn({ db: kysely, ...request.body, sessionHours: config.sessionHours });
      setSessionCookies(reply, session);
      return { user: await currentUser(session.userId), csrfToken: session.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出 Sign out', response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(kysely, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: sessionBody } } },
    async (request) => ({ user: await currentUser(requireActor(request).userId), csrfToken: request.csrfToken ?? '' }),
  );

  app.patch(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: '修改界面语言 Set own locale',
        body: z.object({ locale: z.enum(LOCALES) }),
        response: { 200: sessionBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setOwnLocale({ db: kysely, actor, locale: request.body.locale });
      return { user: await currentUser(actor.userId), csrfToken: request.csrfToken ?? '' };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change own password',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: sessionBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await changeOwnPassword({ db: kysely, actor, ...request.body });
      const session = await createSession(kysely, actor.userId, config.sessionHours);
      setSessionCookies(reply, session);
      return { user: await currentUser(actor.userId), csrfToken: session.csrfToken };
    },
  );
};
