import type { Actor } from '../../auth/actor.ts';
import { mayWriteProject } from './access.ts';
import type { projectParts, ProjectRow } from './queries.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentProject(row: ProjectRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    owner: { id: row.owner_org_id, name: row.owner_name },
    building: row.building_id && row.building_name ? { id: row.building_id, name: row.building_name } : null,
    regionCode: row.region_code,
    regionName: row.region_name,
    parent:
      row.parent_id && row.parent_code && row.parent_name ? { id: row.parent_id, code: row.parent_code, name: row.parent_name } : null,
    weight: Number(row.weight),
    status: row.status,
    progress: Number(row.progress),
    startedOn: row.started_on,
    dueOn: row.due_on,
    needCount: Number(row.need_count ?? 0),
    closedAt: iso(row.closed_at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentProjectDetail(actor: Actor, row: ProjectRow, parts: Awaited<ReturnType<typeof projectParts>>) {
  return {
    ...presentProject(row),
    closingReport: row.closing_report,
    members: parts.members.map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      organisation: m.organisation_id && m.organisation_name ? { id: m.organisation_id, name: m.organisation_name } : null,
      personId: m.person_id,
    })),
    milestones: parts.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.due_on,
      weight: Number(m.weight),
      done: m.done,
      doneAt: iso(m.done_at),
    })),
    children: parts.children.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      weight: Number(c.weight),
      progress: Number(c.progress),
      status: c.status,
    })),
    needs: parts.needs.map((n) => ({
      id: n.id,
      code: n.code,
      title: n.readable ? n.title : n.code,
      status: n.status,
      category: n.category,
      requesterName: n.readable ? n.requester_name : '',
    })),
    resources: parts.resources.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      provider: r.provider,
      needId: r.need_id,
      quantity: r.quantity,
      score: Number(r.score),
    })),
    evidence: parts.evidence.map((e) => ({
      id: e.id,
      fileName: e.file_name,
      mimeType: e.mime_type,
      sizeBytes: e.size_bytes,
      createdAt: e.created_at.toISOString(),
    })),
    mayEdit: mayWriteProject(actor, row) && row.status === 'in_progress',
  };
}
