import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../../tests/support/db.ts';
import { SYSTEM_ACTOR } from '../server/auth/actor.ts';
import type { Db } from '../server/db/index.ts';
import { chainAuditLog, recordAudit } from '../server/modules/audit/chain.ts';
import { auditReport } from './audit.ts';

describe('SEC-2 audit verify', () => {
  let db: Db;
  let ids: string[];

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await sql`TRUNCATE audit_log RESTART IDENTITY`.execute(db.kysely);
    for (const n of [1, 2, 3]) {
      await db.kysely
        .transaction()
        .execute((trx) =>
          recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'test.change', entity: 'thing', entityId: String(n), after: { n } }),
        );
    }
    // Linked after the commits, as the running app does a moment later.
    await chainAuditLog(db.kysely);
    ids = (await db.kysely.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
  });

  it('SEC-2 audit verify passes an untouched chain', async () => {
    expect(await auditReport(db.kysely)).toMatchObject({ ok: true, checked: 3 });
  });

  it('SEC-2 audit verify detects a tampered row and names it', async () => {
    const tampered = ids[1]!;
    await sql`UPDATE audit_log SET after = '{"n": 200}'::jsonb WHERE id = ${tampered}`.execute(db.kysely);
    const report = await auditReport(db.kysely);
    expect(report).toMatchObject({ ok: false, checked: 1, brokenId: tampered });
    expect(report.message).toContain(`row ${tampered}`);
    expect(report.message).toContain('test.change thing#2');
    expect(report.message).toMatch(/changed after it was written/);
  });

  it('SEC-2 audit verify detects a removed row at the row after it', async () => {
    await sql`DELETE FROM audit_log WHERE id = ${ids[1]!}`.execute(db.kysely);
    const report = await auditReport(db.kysely);
    expect(report).toMatchObject({ ok: false, brokenId: ids[2] });
    expect(report.message).toMatch(/removed or rewritten/);
  });
});
