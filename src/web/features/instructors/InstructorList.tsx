import { Card, Empty, Flex, Input, List, Progress, Tag, Typography } from 'antd';
import { useState } from 'react';
import { instructorApi } from '../../api/registry.ts';
import type { Instructor } from '../../api/registryServiceTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { AssignmentPanel } from './AssignmentPanel.tsx';
import { InstructorDrawer } from './InstructorDrawer.tsx';

/** A city has some 1,800 instructors: a page at a time keeps the list readable on a phone. */
const PAGE_SIZE = 20;

function InstructorItem({ instructor, onOpen }: { instructor: Instructor; onOpen: () => void }) {
  const t = useT();
  const full = instructor.load >= instructor.capacity;
  return (
    <List.Item style={{ cursor: 'pointer', paddingInline: 0 }} onClick={onOpen} data-testid={`instructor-${instructor.personId}`}>
      <Flex justify="space-between" align="center" gap={12} style={{ width: '100%' }} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex gap={4} align="center" wrap>
            <Typography.Text strong>{instructor.name}</Typography.Text>
            {!instructor.active && <Tag>{t('svc.inactive')}</Tag>}
            {instructor.pinned > 0 && <Tag color="red">{t('svc.pinnedCount', { n: instructor.pinned })}</Tag>}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[instructor.title, instructor.regionName ?? instructor.regionCode].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('svc.loadValue', { load: instructor.load, capacity: instructor.capacity })}</Typography.Text>
          <Progress
            type="circle"
            size={32}
            percent={Math.round((100 * instructor.load) / Math.max(1, instructor.capacity))}
            showInfo={false}
            strokeColor={full ? '#cf1322' : '#1677ff'}
            aria-label={t('svc.load')}
          />
        </Flex>
      </Flex>
    </List.Item>
  );
}

/** SVC-1 the instructors in scope with their load, the assignment run, and each instructor's enterprises. */
export function InstructorList() {
  const t = useT();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim());
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoader(
    (signal) => instructorApi.list({ q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [q, page],
  );
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Flex vertical gap={16}>
      <AssignmentPanel onApplied={reload} />
      <Card size="small" title={t('svc.instructors')} extra={data ? t('common.total', { total: data.total }) : undefined}>
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          style={{ marginBottom: 8 }}
          data-testid="instructor-search"
        />
        <ErrorAlert error={error} onRetry={reload} />
        <List
          loading={loading && !data}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            size: 'small',
            showSizeChanger: false,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          renderItem={(i) => <InstructorItem instructor={i} onOpen={() => setOpen(i.personId)} />}
        />
      </Card>
      {open && <InstructorDrawer personId={open} onClose={() => setOpen(null)} onChanged={reload} />}
    </Flex>
  );
}
