import os from 'node:os';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR, type Actor } from '../server/auth/actor.ts';
import type { Database } from '../server/db/schema.ts';
import { fromZodIssues } from '../server/http/errors.ts';
import { createUser, setUserPassword } from '../server/modules/users/commands.ts';
import { userInput } from '../server/modules/users/schemas.ts';

/**
 * Account administration from the shell (OPS-3). It goes through the same
 * schema and commands as POST /api/users, so the rules and the audit row are
 * the API's; the audit names the operating-system user who ran it.
 */
export function cliActor(): Actor {
  let who = 'unknown';
  try {
    who = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the audit row still says it came from the CLI.
  }
  return { ...SYSTEM_ACTOR, username: `cli:${who}`, displayName: '命令行' };
}

export interface AddUserOptions {
  username: string;
  role: string;
  password: string;
  region?: string | undefined;
  org?: string | undefined;
  person?: string | undefined;
  name?: string | undefined;
  locale?: string | undefined;
}

export async function addUser(db: Kysely<Database>, opts: AddUserOptions): Promise<string> {
  const parsed = userInput.safeParse({
    username: opts.username,
    displayName: opts.name ?? opts.username,
    role: opts.role,
    regionCode: opts.region ?? null,
    organisationId: opts.org ?? null,
    personId: opts.person ?? null,
    password: opts.password,
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return createUser({ db, actor: cliActor(), input: parsed.data });
}

export async function changePassword(db: Kysely<Database>, username: string, password: string): Promise<void> {
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  if (!user) throw new Error(`no account named '${username}'`);
  await setUserPassword({ db, actor: cliActor(), id: user.id, password });
}

/**
 * A password from the terminal without echo, or the first line of piped
 * input, so it need not sit in the shell history.
 */
export async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = createInterface({ input, crlfDelay: Infinity });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (result: string | Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}
