import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { personApi } from '../../api/resources.ts';
import type { PersonDetail, Post } from '../../api/types.ts';
import { mayWriteRecords, maySee } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert.tsx';
import { formatDate } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { PersonFormModal } from './PersonFormModal.tsx';
import { PostFormModal } from './PostFormModal.tsx';

type Editing = 'person' | 'post' | null;

/** ORG-3: a person with personal data as the server chose to show it, and every post held. */
export function PersonDetailView({ id, own }: { id: string; own?: boolean }) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const [override, setOverride] = useState<PersonDetail | null>(null);

  const loaded = useLoader(() => personApi.get(id), [id]);
  // A write answers with the fresh record; show it without another round trip.
  const person = override ?? loaded.data;
  const writable = mayWriteRecords(user.role);

  const endPost = async (post: Post) => {
    try {
      setOverride(await personApi.endPost(id, post.id));
      message.success(t('common.saved'));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: ColumnsType<Post> = [
    {
      title: t('post.organisation'),
      dataIndex: 'organisationName',
      key: 'org',
      render: (name: string, row) =>
        maySee(user.role, 'organisations') ? <Link to={`/organisations/${row.organisationId}`}>{name}</Link> : name,
    },
    { title: t('post.title'), dataIndex: 'title', key: 'title' },
    { title: t('post.startedOn'), dataIndex: 'startedOn', key: 'startedOn', render: formatDate },
    {
      title: t('post.endedOn'),
      dataIndex: 'endedOn',
      key: 'endedOn',
      render: (ended: string | null) => (ended ? <Tag>{ended}</Tag> : <Tag color="green">{t('post.current')}</Tag>),
    },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row: Post) =>
              row.endedOn ? null : (
                <Popconfirm
                  title={t('post.endConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => endPost(row)}
                >
                  <Button size="small" danger type="link">
                    {t('post.end')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={person?.name ?? (own ? t('person.mine') : t('person.title'))}
        {...(own ? {} : { onBack: () => navigate('/people'), backLabel: t('common.back') })}
        extra={
          writable &&
          person && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing('person')} data-testid="person-edit">
                {t('common.edit')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setEditing('post')} data-testid="post-add">
                {t('post.add')}
              </Button>
            </>
          )
        }
      />
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !person && <Skeleton active />}
      {person && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
              <Descriptions.Item label={t('person.name')}>{person.name}</Descriptions.Item>
              <Descriptions.Item label={t('person.gender')}>{person.gender ? t(`person.gender.${person.gender}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('person.birthDate')}>{formatDate(person.birthDate)}</Descriptions.Item>
              <Descriptions.Item label={t('person.isPartyMember')}>
                {person.isPartyMember ? <Tag color="red">{t('person.partyMember')}</Tag> : <Tag>{t('person.notPartyMember')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('person.region')}>{person.regionName ?? person.regionCode}</Descriptions.Item>
              <Descriptions.Item label={t('person.organisation')}>
                {person.organisationId && maySee(user.role, 'organisations') ? (
                  <Link to={`/organisations/${person.organisationId}`}>{person.organisationName}</Link>
                ) : (
                  (person.organisationName ?? '—')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('person.phone')}>
                <span data-testid="person-phone">{person.phone ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('person.idNumber')}>
                <span data-testid="person-id-number" style={{ fontFamily: 'monospace' }}>
                  {person.idNumber ?? '—'}
                </span>
                {person.personalDataMasked && (person.phone || person.idNumber) && (
                  <Tooltip title={t('person.maskedExplain')}>
                    <Tag style={{ marginInlineStart: 8 }}>{t('person.masked')}</Tag>
                  </Tooltip>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={`${t('person.posts')} (${person.posts.length})`} styles={{ body: { padding: 0 } }}>
            <Table<Post>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={person.posts}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.noPosts')} /> }}
            />
          </Card>
        </>
      )}
      {person && editing === 'person' && (
        <PersonFormModal
          person={person}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setOverride(saved);
            setEditing(null);
          }}
        />
      )}
      {person && editing === 'post' && (
        <PostFormModal
          person={person}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setOverride(saved);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
