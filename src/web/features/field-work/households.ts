import { useEffect, useState } from 'react';
import { fetchMyHouseholds, type FieldHousehold } from './api.ts';

/** The last list downloaded, so the forms can name households where there is no signal. */
const cacheKey = (userId: string) => `hongtu.fieldHouseholds.${userId}`;

function readCache(userId: string): FieldHousehold[] | null {
  try {
    const raw = localStorage.getItem(cacheKey(userId));
    return raw ? (JSON.parse(raw) as FieldHousehold[]) : null;
  } catch {
    return null;
  }
}

export interface HouseholdsState {
  households: FieldHousehold[] | null;
  /** Shown from the device's copy because the server could not be reached. */
  cached: boolean;
  error: unknown;
}

/** GRD-3 the member's households: from the server when it answers, else the copy on the phone. */
export function useMyHouseholds(userId: string, refreshKey = 0): HouseholdsState {
  const [state, setState] = useState<HouseholdsState>(() => ({ households: readCache(userId), cached: true, error: null }));
  useEffect(() => {
    let live = true;
    fetchMyHouseholds().then(
      (households) => {
        if (!live) return;
        try {
          localStorage.setItem(cacheKey(userId), JSON.stringify(households));
        } catch {
          /* storage full or refused: the list still shows */
        }
        setState({ households, cached: false, error: null });
      },
      (error: unknown) => {
        if (!live) return;
        const households = readCache(userId);
        setState({ households, cached: true, error: households ? null : error });
      },
    );
    return () => {
      live = false;
    };
  }, [userId, refreshKey]);
  return state;
}

/** Never-visited households first, then the longest unvisited; the member's round starts at the top. */
export function orderForVisiting(households: readonly FieldHousehold[]): FieldHousehold[] {
  return [...households].sort((a, b) => {
    if (a.lastVisitOn === b.lastVisitOn) return a.address.localeCompare(b.address, 'zh-CN');
    if (a.lastVisitOn === null) return -1;
    if (b.lastVisitOn === null) return 1;
    return a.lastVisitOn < b.lastVisitOn ? -1 : 1;
  });
}

/** Today in China, where the server checks that no record is dated in the future. */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}
