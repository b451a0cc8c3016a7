import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { userApi } from '../../api/resources.ts';
import type { User } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { passwordRule } from './passwordRule.ts';

/** Sets a new password for an account; the server also clears its lockout counter. */
export function PasswordModal({ account, onClose, onSaved }: { account: User; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let password: string;
    try {
      ({ password } = await form.validateFields());
    } catch {
      return;
    }
    setSaving(true);
    errors.clear();
    try {
      await userApi.setPassword(account.id, password);
      message.success(t('user.passwordReset'));
      onSaved();
    } catch (err) {
      errors.show(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('user.resetPasswordFor', { name: account.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form form={form} layout="vertical" autoComplete="off" onFinish={() => void submit()}>
        <Form.Item
          name="password"
          label={t('user.newPassword')}
          extra={t('user.passwordHint')}
          rules={[{ required: true, message: t('error.required') }, passwordRule(t)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
