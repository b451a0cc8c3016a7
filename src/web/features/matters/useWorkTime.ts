import { useEffect, useState } from 'react';
import { matterApi, type WorkTimeInfo } from '../../api/matters.ts';

// One answer per year for the whole tab: office hours and holidays change rarely, and every countdown needs them.
const cache = new Map<number, Promise<WorkTimeInfo>>();

function chinaYear(ms: number): number {
  return new Date(ms + 8 * 3_600_000).getUTCFullYear();
}

function load(year: number): Promise<WorkTimeInfo> {
  let pending = cache.get(year);
  if (!pending) {
    pending = matterApi.workTime(year).catch((err: unknown) => {
      // A failed answer is not kept, so the next countdown asks again.
      cache.delete(year);
      throw err;
    });
    cache.set(year, pending);
  }
  return pending;
}

/**
 * The working calendar of this year and the next (a countdown can run over New
 * Year), or null until it has arrived; countdowns then stand still at the
 * server's figure rather than guess.
 */
export function useWorkTime(): WorkTimeInfo | null {
  const [work, setWork] = useState<WorkTimeInfo | null>(null);
  useEffect(() => {
    let live = true;
    const year = chinaYear(Date.now());
    Promise.all([load(year), load(year + 1).catch(() => null)])
      .then(([thisYear, nextYear]) => {
        if (!live) return;
        setWork(nextYear ? { ...thisYear, days: [...thisYear.days, ...nextYear.days] } : thisYear);
      })
      .catch(() => {
        /* see above: the server's figures still show */
      });
    return () => {
      live = false;
    };
  }, []);
  return work;
}

/** The current time, moving every `everyMs`, so countdowns re-render on their own. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}
