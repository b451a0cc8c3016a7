import { createContext, useContext, type ReactNode } from 'react';
import type { WorkTimeInfo } from '../../api/matters.ts';
import { DEFAULT_DAY_MINUTES } from './countdown.ts';
import { useNow, useWorkTime } from './useWorkTime.ts';

interface MatterTime {
  work: WorkTimeInfo | null;
  now: number;
  /** The unit one working day is shown in. */
  dayMinutes: number;
}

const MatterTimeContext = createContext<MatterTime>({ work: null, now: 0, dayMinutes: DEFAULT_DAY_MINUTES });

/** One calendar and one ticking clock for every countdown on a page. */
export function MatterTimeProvider({ children }: { children: ReactNode }) {
  const work = useWorkTime();
  const now = useNow();
  return (
    <MatterTimeContext.Provider value={{ work, now, dayMinutes: work?.dayMinutes ?? DEFAULT_DAY_MINUTES }}>
      {children}
    </MatterTimeContext.Provider>
  );
}

export function useMatterTime(): MatterTime {
  return useContext(MatterTimeContext);
}
