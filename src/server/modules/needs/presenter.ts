import type { Actor } from '../../auth/actor.ts';
import { allows } from '../../db/scoped.ts';
import { mayConfirmMatch } from '../matching/policy.ts';
import type { needDecisions, NeedRow } from './queries.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const named = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

export function presentNeed(row: NeedRow) {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    category: row.category,
    requesterKind: row.requester_kind,
    requesterName: row.requester_name,
    requesterOrg: named(row.requester_org_id, row.requester_org_name),
    enterprise: named(row.enterprise_id, row.enterprise_name),
    building: named(row.building_id, row.building_name),
    regionCode: row.region_code,
    regionName: row.region_name,
    quantity: row.quantity,
    urgency: row.urgency,
    status: row.status,
    project:
      row.project_id && row.project_code && row.project_name && row.project_status
        ? {
            id: row.project_id,
            code: row.project_code,
            name: row.project_name,
            status: row.project_status,
            progress: Number(row.project_progress ?? 0),
          }
        : null,
    matterId: row.matter_id,
    complaintMatterId: row.complaint_matter_id,
    closeReason: row.close_reason,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    matchedAt: iso(row.matched_at),
    doneAt: iso(row.done_at),
  };
}

export function presentNeedDetail(actor: Actor, row: NeedRow, decisions: Awaited<ReturnType<typeof needDecisions>>) {
  const writable = allows(actor, 'need', 'write', {
    regionCode: row.region_code,
    orgPath: [row.org_path, row.requester_path],
    personId: row.requester_person_id,
  });
  return {
    ...presentNeed(row),
    decisions: decisions.map((d) => ({
      id: d.id,
      resourceId: d.resource_id,
      resourceCode: d.resource_code,
      resourceTitle: d.resource_title,
      provider: d.provider,
      status: d.status,
      score: Number(d.score),
      quantity: d.quantity,
      note: d.note,
      projectId: d.project_id,
      decidedBy: d.decided_by,
      decidedAt: iso(d.decided_at),
    })),
    mayEdit: writable && row.status === 'open',
    mayConfirm: writable && mayConfirmMatch(actor) && ['open', 'matched', 'in_project'].includes(row.status),
  };
}
