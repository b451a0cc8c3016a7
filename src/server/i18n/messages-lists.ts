/** LST-1 … LST-4 server messages of the three lists (needs, resources, matching, projects), merged into the one message table. */
export const listMessages = {
  'list.need_not_open': { 'zh-CN': '该需求当前为「{status}」，不能再对接', en: 'The need is “{status}”; it cannot be matched now' },
  'list.need_closed': { 'zh-CN': '该需求已办结或关闭', en: 'The need is done or closed' },
  'list.match_decided': { 'zh-CN': '该资源已被确认或拒绝过，不再推荐', en: 'This resource was already confirmed or rejected for the need' },
  'list.match_ineligible': {
    'zh-CN': '该资源不能满足此需求：{reasons}',
    en: 'This resource cannot serve the need: {reasons}',
  },
  'list.capacity_short': {
    'zh-CN': '资源剩余容量 {left}，不足需求数量 {quantity}',
    en: 'The resource has {left} left, less than the {quantity} needed',
  },
  'list.may_not_confirm': {
    'zh-CN': '对接须由楼宇或街道、区、市工作人员确认',
    en: 'A match is confirmed by building, street, district or city staff',
  },
  'list.project_not_running': { 'zh-CN': '该项目已结项或已撤销', en: 'The project is finished or cancelled' },
  'list.need_in_other_project': {
    'zh-CN': '该需求已在另一个项目中',
    en: 'The need already belongs to another project',
  },
  'list.evidence_required': { 'zh-CN': '结项须上传至少一份佐证材料', en: 'Upload at least one evidence file before closing' },
  'list.children_open': { 'zh-CN': '仍有子项目在推进中，不能结项', en: 'Sub-projects are still running; close them first' },
  'list.project_cycle': { 'zh-CN': '上级项目不能是本项目或其子项目', en: 'A parent cannot be the project itself or one of its sub-projects' },
  'list.need_already_matter': { 'zh-CN': '该需求已转为事项', en: 'This need has already become a matter' },
  'list.plan_too_large': {
    'zh-CN': '该区域待对接需求超过 {max} 条，请选择更小的区域',
    en: 'More than {max} open needs here; choose a smaller area',
  },
  'field.list_category': { 'zh-CN': '请选择类别', en: 'Choose a category' },
  'field.need_requester_required': {
    'zh-CN': '请指明提出需求的企业、党组织或个人',
    en: 'Name the enterprise, party organisation or person the need comes from',
  },
  'field.need_place_required': { 'zh-CN': '请指明需求所在的楼宇或区域', en: 'Name the building or region of the need' },
  'field.served_area_conflict': {
    'zh-CN': '服务范围只能是一栋楼宇或一个区域',
    en: 'The area served is either one building or one region',
  },
  'field.capacity_below_used': {
    'zh-CN': '容量不能小于已使用的 {used}',
    en: 'Capacity cannot be less than the {used} already used',
  },
  'field.valid_range': { 'zh-CN': '有效期开始日期不能晚于结束日期', en: 'The validity starts after it ends' },
  'field.report_required': { 'zh-CN': '请填写结项报告', en: 'Write the closing report' },
  'field.file_required': { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  'field.file_too_large': { 'zh-CN': '文件不能超过 {mb} MB', en: 'Files are at most {mb} MB' },
  'field.need_not_matched': {
    'zh-CN': '只有已确认对接、尚未立项的需求才能加入项目',
    en: 'Only needs with a confirmed match and no project yet can join a project',
  },
} as const;
