import { App, Button, Card, Checkbox, DatePicker, Drawer, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { policiesApi, type Meeting } from '../../api/policies.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { ModeTag, useZh } from './bits.tsx';

function MeetingDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const zh = useZh();
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [error, setError] = useState<unknown>(null);
  useLoader((signal) => policiesApi.meeting(id, signal).then(setMeeting), [id]);
  const record = async (enterpriseId: string, body: { attended?: boolean; followUp?: string }) => {
    try {
      setMeeting(await policiesApi.recordInvite(id, enterpriseId, body));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Drawer open width={Math.min(720, window.innerWidth)} title={meeting?.title} onClose={onClose}>
      {error !== null && <ErrorAlert error={error} />}
      {meeting && (
        <>
          <Typography.Paragraph type="secondary">
            {meeting.heldAt.slice(0, 16).replace('T', ' ')} · {meeting.venue}
          </Typography.Paragraph>
          <Typography.Title level={5}>{zh ? '对接政策' : 'Policies'}</Typography.Title>
          <List
            size="small"
            dataSource={meeting.policies}
            renderItem={(p) => (
              <List.Item>
                {p.title} <ModeTag mode={p.mode} />
              </List.Item>
            )}
          />
          <Typography.Title level={5}>
            {zh ? `邀请企业（${meeting.invites.length}）` : `Invited (${meeting.invites.length})`}
          </Typography.Title>
          <Table
            size="small"
            rowKey="enterpriseId"
            dataSource={meeting.invites}
            pagination={{ pageSize: 20, size: 'small' }}
            columns={[
              { title: zh ? '企业' : 'Enterprise', dataIndex: 'name' },
              {
                title: zh ? '邀请原因' : 'Why',
                render: (_, i) =>
                  i.reason === 'eligible' ? (
                    <Tag color="success">{zh ? '符合' : 'Eligible'}</Tag>
                  ) : (
                    <Tag color="warning">{zh ? '接近符合' : 'Nearly'}</Tag>
                  ),
              },
              {
                title: zh ? '到会' : 'Attended',
                render: (_, i) => (
                  <Checkbox
                    disabled={!meeting.mayEdit}
                    checked={i.attended === true}
                    onChange={(e) => void record(i.enterpriseId, { attended: e.target.checked })}
                  />
                ),
              },
              {
                title: zh ? '跟进' : 'Follow-up',
                render: (_, i) => (
                  <Input
                    size="small"
                    disabled={!meeting.mayEdit}
                    defaultValue={i.followUp ?? ''}
                    onBlur={(e) => e.target.value !== (i.followUp ?? '') && void record(i.enterpriseId, { followUp: e.target.value })}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

/** POL-4 政策对接会: the list, holding one (enterprises invited from the results), attendance and follow-ups. */
export function Meetings() {
  const zh = useZh();
  const user = useUser();
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ title: string; heldAt: Dayjs; venue: string; regionCode: string; policyIds: string[] }>();
  const { data, loading, reload } = useLoader((signal) => policiesApi.meetings(signal), []);
  const policies = useLoader((signal) => policiesApi.list({ status: 'published', limit: 200 }, signal), []);
  return (
    <>
      <PageHeader
        title={zh ? '政策对接会' : 'Policy meetings'}
        extra={
          user.role !== 'village' && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {zh ? '组织对接会' : 'Hold a meeting'}
            </Button>
          )
        }
      />
      <Card size="small">
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          renderItem={(m) => (
            <List.Item
              actions={[
                <Button key="o" type="link" onClick={() => setOpen(m.id)}>
                  {zh ? '查看' : 'Open'}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={m.title}
                description={`${m.heldAt.slice(0, 16).replace('T', ' ')} · ${m.venue} · ${zh ? `政策 ${m.policies} 项 · 邀请 ${m.invited} 家 · 到会 ${m.attended} 家` : `${m.policies} policies · ${m.invited} invited · ${m.attended} attended`}`}
              />
            </List.Item>
          )}
        />
      </Card>
      {open && <MeetingDrawer id={open} onClose={() => setOpen(null)} />}
      <Modal
        open={creating}
        title={zh ? '组织政策对接会' : 'Hold a policy meeting'}
        onCancel={() => setCreating(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            const m = await policiesApi.createMeeting({
              title: v.title,
              heldAt: v.heldAt.format(),
              venue: v.venue,
              regionCode: v.regionCode,
              policyIds: v.policyIds,
            });
            message.success(zh ? `已邀请 ${m.invites.length} 家企业` : `${m.invites.length} enterprises invited`);
            setCreating(false);
            reload();
            setOpen(m.id);
          } catch (err) {
            setError(err);
          }
        }}
      >
        {error !== null && <ErrorAlert error={error} />}
        <Form form={form} layout="vertical" initialValues={{ regionCode: user.regionCode ?? '' }}>
          <Form.Item name="title" label={zh ? '名称' : 'Title'} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="heldAt" label={zh ? '时间' : 'When'} rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
            <Form.Item name="regionCode" label={zh ? '区域代码' : 'Region code'} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Space>
          <Form.Item name="venue" label={zh ? '地点' : 'Venue'}>
            <Input />
          </Form.Item>
          <Form.Item name="policyIds" label={zh ? '对接政策' : 'Policies'} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
