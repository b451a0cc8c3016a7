import { http } from '../../api/client.ts';

/** GRD-1 a household as the member's list (我的包户) returns it. */
export interface FieldHousehold {
  id: string;
  villageName: string | null;
  gridName: string | null;
  address: string;
  headName: string | null;
  residents: number;
  lastVisitOn: string | null;
  openHazards: number;
}

export interface VisitRecord {
  kind: 'visit';
  clientId: string;
  householdId: string;
  visitedOn: string;
  topics: string[];
  notes?: string | null;
}

export interface InspectionRecord {
  kind: 'inspection';
  clientId: string;
  householdId: string;
  inspectedOn: string;
  checklist: { item: string; passed: boolean; note?: string | null }[];
  deadline?: string | null;
  notes?: string | null;
}

export interface MediationRecord {
  kind: 'mediation';
  clientId: string;
  householdId?: string | null;
  disputeType: string;
  parties: { name: string; role?: string | null }[];
  summary: string;
  mediatedOn: string;
  outcome: string;
  agreement?: string | null;
  followUpOn?: string | null;
}

/** GRD-3 one record of the phone's offline queue, as POST /api/field-sync takes it. */
export type FieldRecord = VisitRecord | InspectionRecord | MediationRecord;

export interface SyncResult {
  clientId: string;
  kind: string;
  status: 'created' | 'exists' | 'error';
  id: string | null;
  error: { code: string; message: string; fields: { path: string; message: string }[] } | null;
}

export async function fetchMyHouseholds(): Promise<FieldHousehold[]> {
  const res = await http.get<{ items: FieldHousehold[] }>('/api/households', { query: { limit: 200 } });
  return res.items;
}

export async function sendFieldRecords(records: readonly FieldRecord[]): Promise<SyncResult[]> {
  const res = await http.post<{ results: SyncResult[] }>('/api/field-sync', { records });
  return res.results;
}
