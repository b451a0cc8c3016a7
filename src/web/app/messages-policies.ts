/** UI strings of POL-1 … POL-4 (policies for enterprises). Same shape as messages.ts. */
export const policyMessages = {
  'menu.policies': ['惠企政策', 'Policies'],
  'menu.policiesForYou': ['为您推荐的政策', 'Policies for you'],
  'menu.policyApplications': ['政策申报与兑现', 'Applications'],
  'menu.policyMeetings': ['政策对接会', 'Policy meetings'],
  'menu.policyDashboard': ['政策统计', 'Policy dashboard'],
  'home.desc.policies': ['政企直通车：政策目录、条件与推送', 'Policy catalogue, rules and pushes'],
  'home.desc.policiesForYou': ['符合条件的政策与缺少的条件', 'Policies you qualify for, and what is missing'],
  'home.desc.policyApplications': ['待申报、已申报、已兑现', 'To apply, applied, granted'],
  'home.desc.policyMeetings': ['政策对接会：邀请、签到与跟进', 'Meetings: invitations, attendance, follow-up'],
  'home.desc.policyDashboard': ['推送、申报、兑现统计与导出', 'Pushes, applications, grants; export'],
} as const;
