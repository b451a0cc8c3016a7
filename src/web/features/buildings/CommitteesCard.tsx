import { Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { BuildingPage, Committee } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';

function CommitteeList({ title, committee, crossIds }: { title: string; committee: Committee | null; crossIds: Set<string> }) {
  const t = useT();
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      {committee ? (
        <>
          <div>
            <Link to={`/organisations/${committee.id}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {committee.name}
              </Typography.Text>
            </Link>
          </div>
          <List
            size="small"
            dataSource={committee.members}
            renderItem={(m) => (
              <List.Item style={{ paddingInline: 0 }}>
                <span>
                  {m.personName} <Typography.Text type="secondary">{m.title}</Typography.Text>
                </span>
                {crossIds.has(m.personId) && (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {t('building.crossAppointed')}
                  </Tag>
                )}
              </List.Item>
            )}
          />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('building.noCommittee')} />
      )}
    </>
  );
}

/** REG-5 楼宇两委 side by side; people in both (双向进入、交叉任职) are tagged in each list. */
export function CommitteesCard({ committees }: { committees: BuildingPage['committees'] }) {
  const t = useT();
  const crossIds = new Set(committees.crossAppointed.map((c) => c.personId));
  return (
    <Card size="small" title={t('building.committees')} data-testid="committees">
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <CommitteeList title={t('building.partyCommittee')} committee={committees.partyCommittee} crossIds={crossIds} />
        </Col>
        <Col xs={24} md={12}>
          <CommitteeList title={t('building.managementCommittee')} committee={committees.managementCommittee} crossIds={crossIds} />
        </Col>
      </Row>
    </Card>
  );
}
