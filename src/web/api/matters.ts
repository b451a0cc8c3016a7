import type { ClockColour, ClockKind } from '../../domain/matters/clock.ts';
import type { CategoryKind, MatterLevel, MatterPriority } from '../../domain/matters/limits.ts';
import type { MatterAction, MatterStatus, Satisfaction } from '../../domain/matters/workflow.ts';
import type { Session } from '../../domain/calendar/office-hours.ts';
import { http } from './client.ts';
import type { Page } from './types.ts';

/** MAT-1 … MAT-8 matters (楼宇事项) on the wire; shapes as the server's matters/schemas.ts states them. */

export type { ClockColour, ClockKind, CategoryKind, MatterAction, MatterLevel, MatterPriority, MatterStatus, Satisfaction };

const enc = encodeURIComponent;

export const MATTER_QUEUES = ['todo', 'all', 'overdue', 'supervised'] as const;
export type MatterQueue = (typeof MATTER_QUEUES)[number];

export interface MatterCategory {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: CategoryKind;
  departmentKind: string | null;
  group: string;
  description: string;
}

export interface MatterClock {
  kind: ClockKind;
  startedAt: string;
  dueAt: string;
  limitMinutes: number;
  /** Working minutes left when the server answered; negative once breached. */
  remainingMinutes: number;
  colour: ClockColour;
  pausedAt: string | null;
  stoppedAt: string | null;
  late: boolean;
}

type Named = { id: string; name: string } | null;

export interface MatterSummary {
  id: string;
  code: string;
  title: string;
  category: { id: string; name: string; kind: CategoryKind };
  source: string;
  priority: MatterPriority;
  status: MatterStatus;
  level: MatterLevel;
  enterprise: Named;
  building: Named;
  handler: Named;
  regionCode: string;
  supervision: 'yellow' | 'red' | null;
  pendingExtensionMinutes: number | null;
  satisfaction: Satisfaction | null;
  returnCount: number;
  reopenCount: number;
  escalationCount: number;
  clocks: MatterClock[];
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface MatterEvent {
  seq: number;
  action: MatterAction;
  fromStatus: MatterStatus | null;
  toStatus: MatterStatus;
  level: MatterLevel;
  actorName: string;
  note: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface DispatchSlip {
  code: string;
  level: MatterLevel;
  handler: { id: string; name: string };
  instructions: string | null;
  dispatchedBy: string | null;
  dispatchedAt: string;
  signForDueAt: string | null;
  acceptedAt: string | null;
  returnedAt: string | null;
  returnReason: string | null;
}

export interface HandlerOption {
  id: string;
  name: string;
  departmentKind: string | null;
  suggested: boolean;
}

export interface MatterDetail extends MatterSummary {
  description: string;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  deliberation: string | null;
  respondedOnTime: boolean | null;
  repliedOnTime: boolean | null;
  events: MatterEvent[];
  slips: DispatchSlip[];
  /** The steps this user may take now, in the workflow's order. */
  actions: MatterAction[];
  handlerOptions: HandlerOption[];
}

export interface MatterInput {
  categoryId: string;
  title: string;
  description: string;
  enterpriseId?: string | null;
  buildingId?: string | null;
  urgent?: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
}

export type StepAction = Exclude<MatterAction, 'collect'>;

export interface StepInput {
  action: StepAction;
  version: number;
  note?: string | null;
  handlerOrgId?: string | null;
  /** Working days asked for (延期). */
  extensionDays?: number;
  satisfaction?: Satisfaction;
  colour?: 'yellow' | 'red';
}

export interface MatterFilter {
  queue: MatterQueue;
  status?: MatterStatus | undefined;
  level?: MatterLevel | undefined;
  categoryId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** What the browser needs of the working calendar to run a countdown between two answers of the server. */
export interface WorkTimeInfo {
  dayMinutes: number;
  officeHours: { sessions: Session[]; summer: { from: string; to: string; sessions: Session[] } | null };
  days: { date: string; working: boolean }[];
}

export const matterApi = {
  categories: (signal?: AbortSignal) => http.get<{ items: MatterCategory[] }>('/api/matter-categories', { signal }),
  list: (filter: MatterFilter, signal?: AbortSignal) => http.get<Page<MatterSummary>>('/api/matters', { query: { ...filter }, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<MatterDetail>(`/api/matters/${enc(id)}`, { signal }),
  /** The key makes a double click or a retry of one form create one matter (201 new, 200 the same one again). */
  submit: (input: MatterInput, idempotencyKey: string) =>
    http.post<{ id: string; created: boolean }>('/api/matters', input, { headers: { 'Idempotency-Key': idempotencyKey } }),
  step: (id: string, input: StepInput) =>
    http.post<{ version: number; matter: MatterDetail | null }>(`/api/matters/${enc(id)}/steps`, input),
  workTime: (year: number, signal?: AbortSignal) => http.get<WorkTimeInfo>('/api/calendar', { query: { year }, signal }),
};
