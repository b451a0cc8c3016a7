import { App, Button, Card, Col, Dropdown, Empty, Flex, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { investmentApi } from '../../api/registry.ts';
import type { InvestmentLead, LeadStatus } from '../../api/registryTypes.ts';
import { mayKeepRegistry } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { area } from '../buildings/useBuildings.ts';
import { LeadFormModal } from './LeadFormModal.tsx';
import { SettleModal } from './SettleModal.tsx';

/** The board's columns in the article's order; dropped leads are left off the board. */
const COLUMNS: LeadStatus[] = ['prospect', 'negotiating', 'settled'];
const COLOR: Record<LeadStatus, string> = { prospect: 'blue', negotiating: 'orange', settled: 'red', dropped: 'default' };

/** A move along the table, or 'delete' for a lead that has not settled. */
type LeadAction = LeadStatus | 'delete';

function LeadCard({ lead, onMove }: { lead: InvestmentLead; onMove?: (lead: InvestmentLead, action: LeadAction) => void }) {
  const t = useT();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`lead-${lead.id}`}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong>{lead.name}</Typography.Text>
        {onMove && lead.status !== 'settled' && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                ...lead.nextStatuses.map((s) => ({ key: s, label: t('lead.to', { status: t(`lead.${s}`) }), danger: s === 'dropped' })),
                { type: 'divider' as const },
                { key: 'delete', label: t('lead.delete'), danger: true },
              ],
              onClick: ({ key }) => onMove(lead, key as LeadAction),
            }}
          >
            <Button size="small" data-testid={`lead-move-${lead.id}`}>
              {t('common.actions')}
            </Button>
          </Dropdown>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {[lead.industryName, t('area.value', { area: area(lead.areaNeeded) }), lead.contactName].filter(Boolean).join(' · ')}
      </Typography.Text>
      {lead.building && (
        <div style={{ fontSize: 12 }}>
          <Link to={`/buildings/${lead.building.id}`}>{lead.building.name}</Link>
          {lead.enterprise && (
            <>
              {' · '}
              <Link to={`/enterprises/${lead.enterprise.id}`}>{lead.enterprise.name}</Link>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

/** REG-8 leads as a board 潜在 → 洽谈 → 入驻; the moves offered are the server's transition table. */
export function LeadsBoard() {
  const t = useT();
  const user = useUser();
  const { message, modal } = App.useApp();
  const { data, error, reload } = useLoader((signal) => investmentApi.leads({ limit: 200 }, signal), []);
  const [settling, setSettling] = useState<InvestmentLead | null>(null);
  const [creating, setCreating] = useState(false);
  const writable = mayKeepRegistry(user.role);

  const move = (lead: InvestmentLead, to: LeadAction) => {
    if (to === 'delete') {
      modal.confirm({
        title: t('lead.deleteConfirm', { name: lead.name }),
        okButtonProps: { danger: true },
        okText: t('lead.delete'),
        cancelText: t('common.cancel'),
        onOk: () =>
          investmentApi
            .deleteLead(lead.id)
            .then(() => {
              message.success(t('lead.deleted'));
              reload();
            })
            .catch((err: unknown) => message.error(errorMessage(err, t))),
      });
      return;
    }
    if (to === 'settled') {
      setSettling(lead);
      return;
    }
    investmentApi
      .transition(lead.id, { to })
      .then(() => {
        message.success(t('lead.moved'));
        reload();
      })
      .catch((err: unknown) => message.error(errorMessage(err, t)));
  };

  return (
    <Card
      size="small"
      title={t('invest.leads')}
      extra={
        writable && (
          <Button type="primary" size="small" onClick={() => setCreating(true)} data-testid="lead-new">
            {t('invest.newLead')}
          </Button>
        )
      }
    >
      <ErrorAlert error={error} onRetry={reload} />
      <Row gutter={[12, 12]}>
        {COLUMNS.map((status) => {
          const leads = (data?.items ?? []).filter((l) => l.status === status);
          return (
            <Col key={status} xs={24} md={8} data-testid={`lead-column-${status}`}>
              <div style={{ background: '#fafafa', borderRadius: 6, padding: 8, minHeight: 120 }}>
                <Flex justify="space-between" style={{ marginBottom: 8 }}>
                  <Tag color={COLOR[status]}>{t(`lead.${status}`)}</Tag>
                  <Typography.Text type="secondary">{leads.length}</Typography.Text>
                </Flex>
                {leads.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} />}
                {leads.map((lead) => (
                  <LeadCard key={lead.id} lead={lead} onMove={writable ? move : undefined} />
                ))}
              </div>
            </Col>
          );
        })}
      </Row>
      {creating && (
        <LeadFormModal
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      {settling && (
        <SettleModal
          lead={settling}
          onClose={() => setSettling(null)}
          onSaved={() => {
            setSettling(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}
