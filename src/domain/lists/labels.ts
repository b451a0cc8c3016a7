/** LST-1 … LST-4 the words of the lists in both locales, shared by the server's exports and the web. */
export interface Label {
  zh: string;
  en: string;
}

export const NEED_STATUS_LABELS: Readonly<Record<'open' | 'matched' | 'in_project' | 'done' | 'closed', Label>> = {
  open: { zh: '待对接', en: 'Open' },
  matched: { zh: '已对接', en: 'Matched' },
  in_project: { zh: '项目推进中', en: 'In a project' },
  done: { zh: '已办结', en: 'Done' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const URGENCY_LABELS: Readonly<Record<'low' | 'normal' | 'high', Label>> = {
  low: { zh: '一般', en: 'Low' },
  normal: { zh: '较急', en: 'Normal' },
  high: { zh: '紧急', en: 'Urgent' },
};

export const REQUESTER_KIND_LABELS: Readonly<Record<'party_org' | 'enterprise' | 'party_member' | 'employee' | 'talent', Label>> = {
  party_org: { zh: '党组织', en: 'Party organisation' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  party_member: { zh: '党员', en: 'Party member' },
  employee: { zh: '员工', en: 'Employee' },
  talent: { zh: '人才', en: 'Talent' },
};

export const PROVIDER_KIND_LABELS: Readonly<Record<'department' | 'enterprise' | 'social_organisation' | 'party_org', Label>> = {
  department: { zh: '职能部门', en: 'Department' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  social_organisation: { zh: '社会组织', en: 'Social organisation' },
  party_org: { zh: '党组织', en: 'Party organisation' },
};

export const PROJECT_STATUS_LABELS: Readonly<Record<'in_progress' | 'done' | 'cancelled', Label>> = {
  in_progress: { zh: '推进中', en: 'In progress' },
  done: { zh: '已结项', en: 'Done' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/** The street board's funnel: needs → matched → in a project → done (LST-3, LST-4). */
export const FUNNEL_STAGES = ['needs', 'matched', 'inProject', 'done'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_LABELS: Readonly<Record<FunnelStage, Label>> = {
  needs: { zh: '需求', en: 'Needs' },
  matched: { zh: '已对接', en: 'Matched' },
  inProject: { zh: '已立项', en: 'In a project' },
  done: { zh: '已办结', en: 'Done' },
};
