import { PROXIMITY_VALUE, placeKeys } from './factors.ts';

// Module-level copies: an imported binding read in a hot loop costs a getter call once compiled to CommonJS (tsx).
const { building: BUILDING, street: STREET, district: DISTRICT, city: CITY, farther: FARTHER } = PROXIMITY_VALUE;

/** A place's interned keys; -1 on an indexed item without that level, -2 on a query the index never saw. */
export interface PlaceIds {
  building: number;
  street: number;
  district: number;
  city: number;
}

/**
 * LST-3 proximity in an index: every building, street, district and city code interned
 * to a number, so the hot loop compares integers instead of slicing region codes.
 */
export class PlaceTable {
  private readonly ids = new Map<string, number>();
  readonly building: Int32Array;
  readonly street: Int32Array;
  readonly district: Int32Array;
  readonly city: Int32Array;

  constructor(places: readonly { buildingId: string | null; regionCode: string }[]) {
    const n = places.length;
    this.building = new Int32Array(n);
    this.street = new Int32Array(n);
    this.district = new Int32Array(n);
    this.city = new Int32Array(n);
    places.forEach((p, i) => {
      const k = placeKeys(p.regionCode);
      this.building[i] = this.intern('b', p.buildingId);
      this.street[i] = this.intern('s', k.street);
      this.district[i] = this.intern('d', k.district);
      this.city[i] = this.intern('c', k.city);
    });
  }

  private intern(level: string, key: string | null): number {
    if (key === null) return -1;
    const full = `${level}:${key}`;
    let id = this.ids.get(full);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(full, id);
    }
    return id;
  }

  private lookup(level: string, key: string | null): number {
    return key === null ? -2 : (this.ids.get(`${level}:${key}`) ?? -2);
  }

  idsOf(place: { buildingId: string | null; regionCode: string }): PlaceIds {
    const k = placeKeys(place.regionCode);
    return {
      building: this.lookup('b', place.buildingId),
      street: this.lookup('s', k.street),
      district: this.lookup('d', k.district),
      city: this.lookup('c', k.city),
    };
  }

  /** PROXIMITY_VALUE of item i seen from the place: the same ladder as proximityOf. */
  proximityValue(i: number, p: PlaceIds): number {
    if (this.building[i] === p.building) return BUILDING;
    if (this.street[i] === p.street) return STREET;
    if (this.district[i] === p.district) return DISTRICT;
    if (this.city[i] === p.city) return CITY;
    return FARTHER;
  }
}
