import { App, Button, Card, Flex, Form, Input, InputNumber, Table, Tag } from 'antd';
import { useState } from 'react';
import { projectApi, type Milestone } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

interface Props {
  projectId: string;
  milestones: Milestone[];
  mayEdit: boolean;
  onChanged: () => void;
}

/** LST-4 the project's milestones: add one, mark one done (the server rolls the progress up). */
export function ProjectMilestones({ projectId, milestones, mayEdit, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; weight: number }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      message.success(t('common.saved'));
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('project.milestones')} data-testid="project-milestones">
      <ErrorAlert error={error} />
      <Table<Milestone>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={milestones}
        columns={[
          { title: t('project.milestoneTitle'), dataIndex: 'title' },
          { title: t('lists.dueOn'), dataIndex: 'dueOn', width: 110, render: (d: string | null) => d ?? '—' },
          { title: t('project.weight'), dataIndex: 'weight', width: 60 },
          {
            title: t('lists.status'),
            key: 'done',
            width: 140,
            render: (_, m) =>
              mayEdit ? (
                <Button
                  size="small"
                  type={m.done ? 'default' : 'primary'}
                  disabled={busy}
                  onClick={() => void run(() => projectApi.updateMilestone(projectId, m.id, { done: !m.done }))}
                  data-testid={`milestone-toggle-${m.id}`}
                >
                  {m.done ? t('project.reopen') : t('project.markDone')}
                </Button>
              ) : (
                <Tag color={m.done ? 'green' : 'default'}>{m.done ? t('projectStatus.done') : t('projectStatus.in_progress')}</Tag>
              ),
          },
        ]}
      />
      {mayEdit && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ weight: 1 }}
          style={{ marginTop: 12 }}
          onFinish={(values) =>
            void run(async () => {
              await projectApi.addMilestone(projectId, values);
              form.resetFields();
            })
          }
        >
          <Flex gap={8} wrap>
            <Form.Item name="title" rules={[{ required: true, max: 100 }]} style={{ margin: 0 }}>
              <Input placeholder={t('project.milestoneTitle')} data-testid="milestone-title" />
            </Form.Item>
            <Form.Item name="weight" style={{ margin: 0 }}>
              <InputNumber min={0.1} max={1000} placeholder={t('project.weight')} />
            </Form.Item>
            <Button htmlType="submit" loading={busy} data-testid="milestone-add">
              {t('project.addMilestone')}
            </Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
