import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Flex, Input, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { auditApi } from '../../api/resources.ts';
import type { AuditEntry, AuditVerifyResult } from '../../api/types.ts';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';

const PAGE_SIZE = 20;
const DATE = 'YYYY-MM-DD';
// Suggestions only: the filters accept any text, since modules add entities and actions over time.
const ENTITIES = ['app_user', 'organisation', 'person', 'post', 'seed'];
const ACTIONS = ['user.', 'organisation.', 'person.', 'post.', 'auth.', 'seed.'];

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre className="ht-json">{JSON.stringify(value, null, 2)}</pre>;
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useLocale();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="audit-verify-result"
        title={t('audit.verifyOk', { checked: result.checked })}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-result"
      style={{ marginBottom: 16 }}
      title={t('audit.verifyBroken', {
        id: result.brokenAt?.id ?? '?',
        reason: result.brokenAt ? t(`audit.reason.${result.brokenAt.reason}`) : '?',
        checked: result.checked,
      })}
    />
  );
}

/** SEC-2: the change log with before/after, and a check of its hash chain. */
export function AuditLog() {
  const { t, locale } = useLocale();
  const phone = useIsPhone();
  const { get, page, update } = useUrlFilters();
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const filters = { entity: get('entity'), actor: get('actor'), action: get('action'), from: get('from'), to: get('to') };
  const [draft, setDraft] = useState({ entity: filters.entity ?? '', actor: filters.actor ?? '', action: filters.action ?? '' });
  useEffect(
    () => setDraft({ entity: filters.entity ?? '', actor: filters.actor ?? '', action: filters.action ?? '' }),
    [filters.entity, filters.actor, filters.action],
  );

  const { data, error, loading, reload } = useLoader(
    () => auditApi.list({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [filters.entity, filters.actor, filters.action, filters.from, filters.to, page],
  );

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerified(await auditApi.verify());
    } catch (err) {
      setVerified(null);
      setVerifyError(err);
    } finally {
      setVerifying(false);
    }
  };

  const apply = () =>
    update({ entity: draft.entity.trim() || undefined, actor: draft.actor.trim() || undefined, action: draft.action.trim() || undefined });

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (iso: string) => formatDateTime(iso, locale) },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actor' },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', render: (a: string) => <Tag color="red">{a}</Tag> },
    { title: t('audit.entity'), dataIndex: 'entity', key: 'entity' },
    { title: t('audit.entityId'), dataIndex: 'entityId', key: 'entityId' },
    { title: t('audit.region'), dataIndex: 'regionCode', key: 'region', render: (c: string | null) => c ?? '—' },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      key: 'hash',
      render: (h: string | null) =>
        h === null ? (
          <Typography.Text type="secondary">{t('audit.hashPending')}</Typography.Text>
        ) : (
          <Typography.Text code title={h}>
            {h.slice(0, 10)}…
          </Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        }
      />
      {verified && <VerifyResult result={verified} />}
      <ErrorAlert error={verifyError} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <AutoComplete
            value={draft.entity}
            onChange={(v: string) => setDraft((d) => ({ ...d, entity: v }))}
            options={ENTITIES.map((e) => ({ value: e }))}
            placeholder={t('audit.entity')}
            style={{ width: phone ? '100%' : 160 }}
            allowClear
          />
          <Input
            value={draft.actor}
            onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))}
            onPressEnter={apply}
            placeholder={t('audit.actorPlaceholder')}
            style={{ width: phone ? '100%' : 160 }}
            allowClear
          />
          <AutoComplete
            value={draft.action}
            onChange={(v: string) => setDraft((d) => ({ ...d, action: v }))}
            options={ACTIONS.map((a) => ({ value: a }))}
            placeholder={t('audit.actionPlaceholder')}
            style={{ width: phone ? '100%' : 180 }}
            allowClear
          />
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from, DATE) : null, filters.to ? dayjs(filters.to, DATE) : null]}
            onChange={(range) => update({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
            allowEmpty={[true, true]}
            style={{ width: phone ? '100%' : 260 }}
          />
          <Button type="primary" onClick={apply}>
            {t('common.search')}
          </Button>
          <Button onClick={() => update({ entity: undefined, actor: undefined, action: undefined, from: undefined, to: undefined })}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      <ErrorAlert error={error} onRetry={reload} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<AuditEntry>
          rowKey="id"
          size={phone ? 'small' : 'middle'}
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (row) => row.before != null || row.after != null,
            expandedRowRender: (row) => (
              <Row gutter={[16, 8]} style={{ maxWidth: phone ? 'calc(100vw - 48px)' : undefined }}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit.before')}</Typography.Text>
                  <Json value={row.before} />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit.after')}</Typography.Text>
                  <Json value={row.after} />
                </Col>
              </Row>
            ),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (next) => update({ page: next > 1 ? String(next) : undefined }),
          }}
        />
      </Card>
    </>
  );
}
