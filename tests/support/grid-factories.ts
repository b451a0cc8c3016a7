import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { createPerson } from './factories.ts';

/**
 * GRD-1 a village with a grid, `members` party members registered on it and `households`
 * households placed around it (members and households on a small circle, deterministic).
 */
export async function createGridVillage(
  db: Kysely<Database>,
  o: { villageCode: string; members: number; households: number; name?: string; centre?: { lng: number; lat: number }; birthDate?: string },
): Promise<{ gridId: string; memberIds: string[]; householdIds: string[] }> {
  const centre = o.centre ?? { lng: 115.36, lat: 26.34 };
  const grid = await db
    .insertInto('grid')
    .values({
      village_code: o.villageCode,
      name: o.name ?? `网格${Math.random().toString(36).slice(2, 7)}`,
      lng: centre.lng,
      lat: centre.lat,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const memberIds: string[] = [];
  for (let i = 0; i < o.members; i++) {
    const p = await createPerson(db, { regionCode: o.villageCode, isPartyMember: true, name: `党员${i + 1}` });
    if (o.birthDate) await db.updateTable('person').set({ birth_date: o.birthDate }).where('id', '=', p.id).execute();
    const a = (2 * Math.PI * i) / Math.max(1, o.members);
    await db
      .insertInto('grid_member')
      .values({
        person_id: p.id,
        village_code: o.villageCode,
        grid_id: grid.id,
        lng: centre.lng + 0.005 * Math.cos(a),
        lat: centre.lat + 0.005 * Math.sin(a),
        exempt: null,
        exempt_note: null,
      })
      .execute();
    memberIds.push(p.id);
  }
  const householdIds: string[] = [];
  if (o.households > 0) {
    const rows = await db
      .insertInto('household')
      .values(
        Array.from({ length: o.households }, (_, k) => {
          const a = (2 * Math.PI * k) / o.households;
          return {
            village_code: o.villageCode,
            grid_id: grid.id,
            address: `测试组${k + 1}号`,
            lng: centre.lng + 0.006 * Math.cos(a),
            lat: centre.lat + 0.006 * Math.sin(a),
          };
        }),
      )
      .returning('id')
      .execute();
    householdIds.push(...rows.map((r) => r.id));
  }
  return { gridId: grid.id, memberIds, householdIds };
}
