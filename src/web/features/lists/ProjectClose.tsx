import { App, Button, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { projectApi } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { applyFieldErrors } from '../../ui/formErrors.ts';

interface Values {
  outcome: 'done' | 'cancelled';
  report: string;
}

/** LST-4 closing a project with a short report: done (its needs are done) or cancelled (its needs open again). */
export function ProjectClose({ projectId, onClosed }: { projectId: string; onClosed: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await projectApi.close(projectId, values.outcome, values.report);
      message.success(t('project.closed'));
      setOpen(false);
      onClosed();
    } catch (err) {
      if (err instanceof ApiError) applyFieldErrors(form, err.fields);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="project-close">
        {t('project.close')}
      </Button>
      <Modal
        open={open}
        title={t('project.closeTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={t('project.close')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'project-close-ok' } as Record<string, string>}
        destroyOnHidden
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" initialValues={{ outcome: 'done' }}>
          <Form.Item name="outcome" label={t('project.outcome')}>
            <Radio.Group
              options={[
                { value: 'done', label: t('project.outcomeDone') },
                { value: 'cancelled', label: t('project.outcomeCancelled') },
              ]}
            />
          </Form.Item>
          <Form.Item name="report" label={t('project.report')} rules={[{ required: true, max: 4000 }]}>
            <Input.TextArea rows={4} data-testid="project-report" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
