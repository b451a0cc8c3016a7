/**
 * LST-4 a project's progress (进度): its own milestones and its sub-projects together,
 * each part weighted. A milestone counts fully when done; a sub-project counts with its
 * own progress. A project without milestones or sub-projects has no measure of its own:
 * 0 while running. A finished project is 100 whatever its parts say (it was closed with
 * evidence); a cancelled one keeps the figure it reached.
 */
export interface ProgressPart {
  weight: number;
  /** 0..1 for a milestone (done or not), 0..100 ÷ 100 for a sub-project. */
  fraction: number;
}

export interface ProgressInput {
  status: 'in_progress' | 'done' | 'cancelled';
  milestones: readonly { weight: number; done: boolean }[];
  children: readonly { weight: number; progress: number; status: 'in_progress' | 'done' | 'cancelled' }[];
  /** The stored figure, kept by a cancelled project. */
  current?: number;
}

/** Progress 0..100 rounded to two decimals, and the parts with their share of the whole (for the page's chart). */
export function rollUpProgress(input: ProgressInput): { progress: number; parts: ProgressPart[] } {
  // A cancelled sub-project no longer carries weight: its parent is measured by what remains.
  const parts: ProgressPart[] = [
    ...input.milestones.map((m) => ({ weight: m.weight, fraction: m.done ? 1 : 0 })),
    ...input.children.filter((c) => c.status !== 'cancelled').map((c) => ({ weight: c.weight, fraction: clamp(c.progress) / 100 })),
  ];
  if (input.status === 'done') return { progress: 100, parts };
  if (input.status === 'cancelled') return { progress: round(clamp(input.current ?? 0)), parts };
  const total = parts.reduce((s, p) => s + Math.max(0, p.weight), 0);
  if (total === 0) return { progress: 0, parts };
  const value = (parts.reduce((s, p) => s + Math.max(0, p.weight) * p.fraction, 0) / total) * 100;
  return { progress: round(clamp(value)), parts };
}

const clamp = (v: number) => Math.min(100, Math.max(0, Number.isFinite(v) ? v : 0));
const round = (v: number) => Math.round(v * 100) / 100;
