import { UserOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { LiaisonRole, LiaisonSlot } from '../../api/registryTypes.ts';
import { maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { PARTY_RED } from '../../app/theme.ts';

/**
 * REG-6 一楼八员 as eight cards in the article's order. A vacancy is a red
 * 空缺 on its card, so an empty post cannot be overlooked.
 */
export function LiaisonCards({ slots, onAssign }: { slots: LiaisonSlot[]; onAssign?: (role: LiaisonRole) => void }) {
  const t = useT();
  const user = useUser();
  const vacant = slots.filter((s) => !s.holder).length;
  return (
    <Card
      size="small"
      title={t('building.liaisons')}
      extra={vacant > 0 ? <Tag color="red">{t('building.vacantCount', { count: vacant })}</Tag> : null}
      data-testid="liaison-cards"
    >
      <Row gutter={[8, 8]}>
        {slots.map((slot) => (
          <Col key={slot.role} xs={12} sm={12} md={6}>
            <div
              data-testid={`liaison-${slot.role}`}
              style={{
                border: `1px solid ${slot.holder ? '#f0f0f0' : '#ffccc7'}`,
                background: slot.holder ? '#fff' : '#fff1f0',
                borderRadius: 6,
                padding: '8px 10px',
                height: '100%',
              }}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`liaison.${slot.role}`)}
              </Typography.Text>
              <div style={{ marginTop: 4, minHeight: 22 }}>
                {slot.holder ? (
                  <>
                    <UserOutlined style={{ color: PARTY_RED, marginInlineEnd: 4 }} />
                    {maySee(user.role, 'people') ? (
                      <Link to={`/people/${slot.holder.personId}`}>{slot.holder.personName}</Link>
                    ) : (
                      <strong>{slot.holder.personName}</strong>
                    )}
                  </>
                ) : (
                  <Typography.Text strong style={{ color: PARTY_RED }}>
                    {t('building.vacant')}
                  </Typography.Text>
                )}
              </div>
              {slot.holder?.organisationName && (
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
                  {slot.holder.organisationName}
                </Typography.Text>
              )}
              {onAssign && (
                <Button
                  size="small"
                  type="link"
                  style={{ padding: 0, height: 'auto' }}
                  onClick={() => onAssign(slot.role)}
                  data-testid={`liaison-assign-${slot.role}`}
                >
                  {t('liaison.assign')}
                </Button>
              )}
            </div>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
