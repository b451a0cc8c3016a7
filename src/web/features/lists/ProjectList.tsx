import { Checkbox, Progress, Select, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { PROJECT_STATUSES, projectApi, type Project, type ProjectFilter, type ProjectStatus } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { PROJECT_STATUS_COLOR, useListLabels } from './labels.ts';
import { ListPage, usePagedList } from './ListPage.tsx';

/** LST-4 项目清单: status, owner, rolled-up progress; the Excel export takes the same filters. */
export function ProjectList() {
  const t = useT();
  const labels = useListLabels();
  const filters = useUrlFilters();
  const filter: ProjectFilter = {
    status: PROJECT_STATUSES.find((s) => s === filters.get('status')),
    topLevel: filters.get('topLevel') === 'true' ? 'true' : undefined,
    q: filters.get('q'),
  };
  const paged = usePagedList((page, signal) => projectApi.list({ ...filter, ...page }, signal), [filter.status, filter.topLevel, filter.q]);

  return (
    <ListPage<Project>
      title={t('menu.projects')}
      list="projects"
      filter={filter}
      paged={paged}
      columns={[
        { title: t('lists.code'), dataIndex: 'code', width: 110 },
        {
          title: t('menu.projects'),
          dataIndex: 'name',
          width: 260,
          render: (name: string, p) => (
            <Link to={`/projects/${p.id}`} data-testid={`project-link-${p.id}`}>
              {name}
            </Link>
          ),
        },
        { title: t('lists.owner'), key: 'owner', width: 200, render: (_, p) => p.owner.name },
        { title: t('lists.needCount'), dataIndex: 'needCount', width: 80 },
        {
          title: t('lists.progress'),
          dataIndex: 'progress',
          width: 160,
          render: (v: number) => <Progress percent={Math.round(v)} size="small" />,
        },
        {
          title: t('lists.status'),
          dataIndex: 'status',
          width: 100,
          render: (s: ProjectStatus) => <Tag color={PROJECT_STATUS_COLOR[s]}>{labels.projectStatus(s)}</Tag>,
        },
        { title: t('lists.dueOn'), dataIndex: 'dueOn', width: 110, render: (d: string | null) => d ?? '—' },
      ]}
    >
      <Select
        allowClear
        placeholder={t('lists.status')}
        value={filter.status}
        onChange={(v?: string) => filters.update({ status: v })}
        options={PROJECT_STATUSES.map((s) => ({ value: s, label: labels.projectStatus(s) }))}
        style={{ width: 140 }}
      />
      <Checkbox checked={filter.topLevel === 'true'} onChange={(e) => filters.update({ topLevel: e.target.checked ? 'true' : undefined })}>
        {t('lists.topLevel')}
      </Checkbox>
    </ListPage>
  );
}
