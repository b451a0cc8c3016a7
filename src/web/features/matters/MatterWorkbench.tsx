import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Flex, Input, Modal, Select, Table, Tabs, Typography, Form } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { MATTER_LEVELS } from '../../../domain/matters/limits.ts';
import { MATTER_STATUSES } from '../../../domain/matters/workflow.ts';
import { MATTER_QUEUES, matterApi, type MatterLevel, type MatterQueue, type MatterStatus, type MatterSummary } from '../../api/matters.ts';
import type { Role } from '../../api/types.ts';
import { useUser } from '../../app/auth.tsx';
import { useLocale, useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { BulkSteps } from './BulkSteps.tsx';
import { CategoryPicker } from './CategoryPicker.tsx';
import { liveClock, mostUrgent } from './countdown.ts';
import { PriorityTag, StatusTag, SupervisionTag, UrgentClock } from './MatterBits.tsx';
import { MatterForm, type MatterFormValues } from './MatterForm.tsx';
import { MatterTimeProvider, useMatterTime } from './MatterTime.tsx';
import { useCategories } from './useCategories.ts';
import { useMatterLabels } from './useMatterLabels.ts';

const PAGE_SIZE = 20;
// Staff who may raise a matter for an enterprise of their building or region; departments only handle what is dispatched.
const INTAKE_ROLES: readonly Role[] = ['admin', 'city', 'district', 'street', 'village', 'building'];

const isQueue = (v: string | undefined): v is MatterQueue => MATTER_QUEUES.includes(v as MatterQueue);
const isStatus = (v: string | undefined): v is MatterStatus => MATTER_STATUSES.includes(v as MatterStatus);
const isLevel = (v: string | undefined): v is MatterLevel => MATTER_LEVELS.includes(v as MatterLevel);

function IntakeModal({ onClose, onEntered }: { onClose: () => void; onEntered: (id: string) => void }) {
  const t = useT();
  const categories = useCategories();
  const [form] = Form.useForm<MatterFormValues>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('matter.enterTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('matter.report.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {categories.data && <MatterForm categories={categories.data} onBehalf form={form} onSubmitting={setBusy} onSubmitted={onEntered} />}
    </Modal>
  );
}

function MatterTable({
  rows,
  answeredAt,
  loading,
  total,
  page,
  onPage,
  selected,
  onSelect,
}: {
  rows: MatterSummary[];
  answeredAt: number;
  loading: boolean;
  total: number;
  page: number;
  onPage: (page: number) => void;
  selected: string[];
  onSelect: (ids: string[]) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useMatterLabels();
  const phone = useIsPhone();
  const { work, now } = useMatterTime();

  const columns: ColumnsType<MatterSummary> = [
    {
      title: t('matter.col.title'),
      key: 'title',
      render: (_: unknown, row) => (
        <div style={{ minWidth: phone ? 0 : 240, maxWidth: phone ? 'calc(100vw - 90px)' : undefined, whiteSpace: 'normal' }}>
          <Link to={`/matters/${row.id}`} data-testid={`matter-link-${row.code}`}>
            {row.title}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.code} · {row.category.name}
              {row.enterprise ? ` · ${row.enterprise.name}` : ''}
            </Typography.Text>
          </div>
          <Flex gap={4} wrap style={{ marginTop: 2 }}>
            {/* A phone has room for one column: status and countdown go under the title. */}
            {phone && <StatusTag status={row.status} />}
            <PriorityTag priority={row.priority} />
            <SupervisionTag supervision={row.supervision} />
            {phone && <UrgentClock clocks={row.clocks} answeredAt={answeredAt} />}
          </Flex>
        </div>
      ),
    },
    { title: t('matter.col.status'), key: 'status', responsive: ['md'], render: (_: unknown, row) => <StatusTag status={row.status} /> },
    {
      title: t('matter.col.clock'),
      key: 'clock',
      responsive: ['md'],
      render: (_: unknown, row) => <UrgentClock clocks={row.clocks} answeredAt={answeredAt} />,
    },
    { title: t('matter.col.level'), key: 'level', responsive: ['md'], render: (_: unknown, row) => labels.level(row.level) },
    { title: t('matter.col.handler'), key: 'handler', responsive: ['lg'], render: (_: unknown, row) => row.handler?.name ?? '—' },
    {
      title: t('matter.col.createdAt'),
      key: 'createdAt',
      responsive: ['xl'],
      render: (_: unknown, row) => formatDateTime(row.createdAt, locale),
    },
  ];

  return (
    <Table<MatterSummary>
      rowKey="id"
      size={phone ? 'small' : 'middle'}
      loading={loading}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="matter-table"
      rowSelection={{ selectedRowKeys: selected, onChange: (keys) => onSelect(keys.map(String)) }}
      rowClassName={(row) => {
        const urgent = mostUrgent(row.clocks.map((c) => liveClock(c, answeredAt, Math.max(now, answeredAt), work)));
        return urgent ? `ht-urgency-${urgent.colour}` : '';
      }}
      onRow={(row) => ({ 'data-testid': `matter-row-${row.code}` }) as HTMLAttributes<HTMLElement>}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total,
        showSizeChanger: false,
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPage,
      }}
    />
  );
}

/** MAT-5 the staff workbench: queues with counts, filters, rows coloured by their most urgent clock, bulk steps. */
export function MatterWorkbench() {
  const t = useT();
  const user = useUser();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const labels = useMatterLabels();
  const categories = useCategories();
  const { get, page, update } = useUrlFilters();
  const queueRaw = get('queue');
  const queue: MatterQueue = isQueue(queueRaw) ? queueRaw : 'todo';
  const statusRaw = get('status');
  const status = isStatus(statusRaw) ? statusRaw : undefined;
  const levelRaw = get('level');
  const level = isLevel(levelRaw) ? levelRaw : undefined;
  const categoryId = get('categoryId');
  const q = get('q') ?? '';
  const [draftQ, setDraftQ] = useState(q);
  useEffect(() => setDraftQ(q), [q]);
  // Typing filters the list (a matter code pasted or typed is found without pressing Enter);
  // the pause keeps a fast typist from sending a query per keystroke.
  useEffect(() => {
    const typed = draftQ.trim();
    if (typed === q) return;
    const timer = setTimeout(() => update({ q: typed || undefined }), 400);
    return () => clearTimeout(timer);
  }, [draftQ, q, update]);
  const [selected, setSelected] = useState<string[]>([]);
  const [intake, setIntake] = useState(false);
  const [tick, setTick] = useState(0);

  const filters = { status, level, categoryId, q: q || undefined };
  const list = useLoader(
    async (signal) => {
      const answer = await matterApi.list({ queue, ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal);
      return { ...answer, answeredAt: Date.now() };
    },
    [queue, status, level, categoryId, q, page, tick],
  );
  // The tab counts follow the filters, so a tab says how many it would show.
  const counts = useLoader(
    async (signal) => {
      const totals = await Promise.all(MATTER_QUEUES.map((queue) => matterApi.list({ queue, ...filters, limit: 1, offset: 0 }, signal)));
      return Object.fromEntries(MATTER_QUEUES.map((queue, i) => [queue, totals[i]!.total])) as Record<MatterQueue, number>;
    },
    [status, level, categoryId, q, tick],
  );
  const rows = useMemo(() => list.data?.items ?? [], [list.data]);
  useEffect(() => setSelected((ids) => ids.filter((id) => rows.some((r) => r.id === id))), [rows]);
  const selectedRows = rows.filter((r) => selected.includes(r.id));

  return (
    <MatterTimeProvider>
      <PageHeader
        title={t('matter.workbench.title')}
        extra={
          INTAKE_ROLES.includes(user.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntake(true)} data-testid="matter-enter">
              {t('matter.enter')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={queue}
        onChange={(key) => update({ queue: key === 'todo' ? undefined : key })}
        data-testid="matter-queues"
        items={MATTER_QUEUES.map((key) => ({
          key,
          label: (
            <span data-testid={`queue-${key}`}>
              {t(`matter.queue.${key}`)}{' '}
              <Badge
                count={counts.data?.[key] ?? 0}
                showZero
                overflowCount={9999}
                color={key === 'overdue' ? '#cf1322' : key === 'supervised' ? '#d48806' : '#8c8c8c'}
              />
            </span>
          ),
        }))}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            placeholder={t('matter.filter.search')}
            style={{ width: phone ? '100%' : 220 }}
            data-testid="matter-search"
          />
          <Select<MatterStatus>
            allowClear
            value={status}
            placeholder={t('matter.filter.status')}
            style={{ width: phone ? 'calc(50% - 6px)' : 150 }}
            onChange={(v) => update({ status: v })}
            options={MATTER_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
            data-testid="matter-status-filter"
          />
          <Select<MatterLevel>
            allowClear
            value={level}
            placeholder={t('matter.filter.level')}
            style={{ width: phone ? 'calc(50% - 6px)' : 120 }}
            onChange={(v) => update({ level: v })}
            options={MATTER_LEVELS.map((l) => ({ value: l, label: labels.level(l) }))}
          />
          <CategoryPicker
            categories={categories.data ?? []}
            allowClear
            value={categoryId ?? null}
            onChange={(id) => update({ categoryId: id ?? undefined })}
            placeholder={t('matter.filter.category')}
            style={{ width: phone ? '100%' : 200 }}
          />
        </Flex>
      </Card>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <BulkSteps selected={selectedRows} onDone={() => setTick((n) => n + 1)} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <MatterTable
          rows={rows}
          answeredAt={list.data?.answeredAt ?? Date.now()}
          loading={list.loading}
          total={list.data?.total ?? 0}
          page={page}
          onPage={(next) => update({ page: next > 1 ? String(next) : undefined })}
          selected={selected}
          onSelect={setSelected}
        />
      </Card>
      {intake && (
        <IntakeModal
          onClose={() => setIntake(false)}
          onEntered={(id) => {
            setIntake(false);
            message.success(t('matter.entered'));
            void navigate(`/matters/${id}`);
          }}
        />
      )}
    </MatterTimeProvider>
  );
}
