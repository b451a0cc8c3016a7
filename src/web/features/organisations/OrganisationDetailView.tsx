import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { organisationApi } from '../../api/resources.ts';
import type { Organisation, OrganisationPost } from '../../api/types.ts';
import { mayWriteRecords, maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { OrganisationFormModal } from './OrganisationFormModal.tsx';
import { OrganisationKindTag } from './OrganisationKindTag.tsx';

type Editing = 'edit' | 'child' | null;

/** ORG-2/ORG-3: one organisation with its parent, sub-organisations and the people who hold posts in it. */
export function OrganisationDetailView({ id }: { id: string }) {
  const { t, locale } = useLocale();
  const user = useUser();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Editing>(null);

  const detail = useLoader(() => organisationApi.get(id), [id]);
  const children = useLoader(() => organisationApi.list({ parentId: id, limit: 200 }), [id]);
  const org = detail.data;
  const writable = mayWriteRecords(user.role);

  const postColumns: ColumnsType<OrganisationPost> = [
    {
      title: t('post.person'),
      dataIndex: 'personName',
      key: 'person',
      render: (name: string, row) => (maySee(user.role, 'people') ? <Link to={`/people/${row.personId}`}>{name}</Link> : name),
    },
    { title: t('post.title'), dataIndex: 'title', key: 'title' },
    { title: t('post.startedOn'), dataIndex: 'startedOn', key: 'startedOn', render: formatDate },
    {
      title: t('user.status'),
      key: 'status',
      render: (_: unknown, row) =>
        row.endedOn ? <Tag>{`${t('post.ended')} ${row.endedOn}`}</Tag> : <Tag color="green">{t('post.current')}</Tag>,
    },
  ];

  const childColumns: ColumnsType<Organisation> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => <Link to={`/organisations/${row.id}`}>{name}</Link>,
    },
    { title: t('org.kind'), key: 'kind', render: (_: unknown, row) => <OrganisationKindTag organisation={row} /> },
    { title: t('org.region'), dataIndex: 'regionName', key: 'region', render: (name: string | null, row) => name ?? row.regionCode },
  ];

  return (
    <>
      <PageHeader
        title={org?.name ?? t('org.title')}
        onBack={() => navigate('/organisations')}
        backLabel={t('common.back')}
        extra={
          writable &&
          org && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing('edit')} data-testid="org-edit">
                {t('common.edit')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setEditing('child')}>
                {t('org.createChild')}
              </Button>
            </>
          )
        }
      />
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {detail.loading && !org && <Skeleton active />}
      {org && (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                <Descriptions.Item label={t('org.kind')}>
                  <OrganisationKindTag organisation={org} />
                </Descriptions.Item>
                <Descriptions.Item label={t('org.parent')}>
                  {org.parent ? <Link to={`/organisations/${org.parent.id}`}>{org.parent.name}</Link> : t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('org.region')}>
                  {maySee(user.role, 'regions') ? (
                    <Link to={`/regions/${org.regionCode}`}>{org.regionName ?? org.regionCode}</Link>
                  ) : (
                    (org.regionName ?? org.regionCode)
                  )}
                </Descriptions.Item>
                {org.departmentKind && <Descriptions.Item label={t('org.departmentKind')}>{org.departmentKind}</Descriptions.Item>}
                <Descriptions.Item label={t('org.creditCode')}>
                  {org.creditCode ? <Typography.Text code>{org.creditCode}</Typography.Text> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('org.updatedAt')}>{formatDateTime(org.updatedAt, locale)}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={`${t('org.posts')} (${org.posts.length})`} styles={{ body: { padding: 0 } }}>
              <Table<OrganisationPost>
                rowKey="id"
                size="small"
                columns={postColumns}
                dataSource={org.posts}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noPosts')} /> }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={`${t('org.children')} (${org.childCount})`} styles={{ body: { padding: 0 } }}>
              <ErrorAlert error={children.error} onRetry={children.reload} />
              <Table<Organisation>
                rowKey="id"
                size="small"
                loading={children.loading}
                columns={childColumns}
                dataSource={children.data?.items ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noChildren')} /> }}
              />
            </Card>
          </Col>
        </Row>
      )}
      {org && editing === 'edit' && (
        <OrganisationFormModal
          organisation={org}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            detail.reload();
          }}
        />
      )}
      {org && editing === 'child' && (
        <OrganisationFormModal
          defaults={{ parentId: org.id, parentName: org.name, regionCode: org.regionCode, regionName: org.regionName ?? org.regionCode }}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            void navigate(`/organisations/${saved.id}`);
          }}
        />
      )}
    </>
  );
}
