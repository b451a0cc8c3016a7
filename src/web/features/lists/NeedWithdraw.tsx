import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { needApi } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { applyFieldErrors } from '../../ui/formErrors.ts';

interface Props {
  needId: string;
  onClose: () => void;
  onDone: () => void;
}

/** LST-1 withdrawing a need: it is closed with the reason given, kept in the list and its history. */
export function NeedWithdraw({ needId, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { reason } = values;
    setSaving(true);
    setError(null);
    try {
      await needApi.close(needId, reason);
      message.success(t('lists.needWithdrawn'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError) applyFieldErrors(form, err.fields);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('lists.withdrawNeed')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('lists.withdraw')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'need-withdraw-ok' } as Record<string, string>) }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('lists.withdrawReason')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="need-withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
