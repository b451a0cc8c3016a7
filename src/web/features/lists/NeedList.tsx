import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  LIST_CATEGORIES,
  NEED_STATUSES,
  needApi,
  URGENCIES,
  type ListCategory,
  type Need,
  type NeedFilter,
  type NeedStatus,
  type Urgency,
} from '../../api/lists.ts';
import { useLocale } from '../../app/i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { NEED_STATUS_COLOR, URGENCY_COLOR, useListLabels } from './labels.ts';
import { ListPage, usePagedList } from './ListPage.tsx';
import { NeedForm } from './NeedForm.tsx';

const pick = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => values.find((v) => v === value);

/** LST-1 需求清单: filters kept in the URL, the same filters as an Excel file, and a form to enter a need. */
export function NeedList() {
  const { t, locale } = useLocale();
  const labels = useListLabels();
  const navigate = useNavigate();
  const filters = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const filter: NeedFilter = {
    status: pick<NeedStatus>(NEED_STATUSES, filters.get('status')),
    category: pick<ListCategory>(LIST_CATEGORIES, filters.get('category')),
    urgency: pick<Urgency>(URGENCIES, filters.get('urgency')),
    q: filters.get('q'),
  };
  const paged = usePagedList(
    (page, signal) => needApi.list({ ...filter, ...page }, signal),
    [filter.status, filter.category, filter.urgency, filter.q],
  );

  return (
    <>
      <ListPage<Need>
        title={t('menu.needs')}
        list="needs"
        filter={filter}
        paged={paged}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="need-new">
            {t('lists.newNeed')}
          </Button>
        }
        columns={[
          { title: t('lists.code'), dataIndex: 'code', width: 110 },
          {
            title: t('lists.title'),
            dataIndex: 'title',
            width: 260,
            render: (title: string, need) => (
              <Link to={`/needs/${need.id}`} data-testid={`need-link-${need.id}`}>
                {title}
              </Link>
            ),
          },
          { title: t('lists.category'), dataIndex: 'category', width: 120, render: (c: ListCategory) => labels.category(c) },
          { title: t('lists.requester'), dataIndex: 'requesterName', width: 180 },
          { title: t('lists.building'), key: 'building', width: 160, render: (_, need) => need.building?.name ?? '—' },
          { title: t('lists.quantity'), dataIndex: 'quantity', width: 80 },
          {
            title: t('lists.urgency'),
            dataIndex: 'urgency',
            width: 90,
            render: (u: Urgency) => <Tag color={URGENCY_COLOR[u]}>{labels.urgency(u)}</Tag>,
          },
          {
            title: t('lists.status'),
            dataIndex: 'status',
            width: 120,
            render: (s: NeedStatus) => <Tag color={NEED_STATUS_COLOR[s]}>{labels.needStatus(s)}</Tag>,
          },
          { title: t('lists.createdAt'), dataIndex: 'createdAt', width: 170, render: (d: string) => formatDateTime(d, locale) },
        ]}
      >
        <Select
          allowClear
          placeholder={t('lists.status')}
          value={filter.status}
          onChange={(v?: string) => filters.update({ status: v })}
          options={NEED_STATUSES.map((s) => ({ value: s, label: labels.needStatus(s) }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t('lists.category')}
          value={filter.category}
          onChange={(v?: string) => filters.update({ category: v })}
          options={LIST_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('lists.urgency')}
          value={filter.urgency}
          onChange={(v?: string) => filters.update({ urgency: v })}
          options={URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))}
          style={{ width: 120 }}
        />
      </ListPage>
      <NeedForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(need) => {
          setCreating(false);
          void navigate(`/needs/${need.id}`);
        }}
      />
    </>
  );
}
