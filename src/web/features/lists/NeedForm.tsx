import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { LIST_CATEGORIES, URGENCIES, needApi, type Need, type NeedInput } from '../../api/lists.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { useListLabels } from './labels.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated?: (need: Need) => void;
  /** Editing this need (an open one): who asked stays, what was asked can change. */
  need?: Need | undefined;
  onSaved?: () => void;
}

/** LST-1 entering a need (an enterprise for itself, building or region staff on an enterprise's behalf) or editing one. */
export function NeedForm({ open, onClose, onCreated, need: editing, onSaved }: Props) {
  const t = useT();
  const labels = useListLabels();
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<NeedInput>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const onBehalf = user.role !== 'enterprise' && !editing;

  const submit = async () => {
    // An invalid field shows its own message; the rejection carries nothing more to report.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    errors.clear();
    try {
      if (editing) {
        const { title, description, category, quantity, urgency } = values;
        await needApi.update(editing.id, { version: editing.version, title, description: description ?? '', category, quantity, urgency });
        message.success(t('lists.saved'));
        onSaved?.();
      } else {
        const need = await needApi.create(values);
        message.success(t('lists.needCreated', { code: need.code }));
        form.resetFields();
        onCreated?.(need);
      }
    } catch (err) {
      errors.show(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('lists.editNeed') : t('lists.newNeed')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'need-form-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                title: editing.title,
                category: editing.category,
                description: editing.description,
                quantity: editing.quantity,
                urgency: editing.urgency,
              }
            : { quantity: 1, urgency: 'normal' }
        }
        data-testid="need-form"
      >
        <Form.Item name="title" label={t('lists.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="need-title" />
        </Form.Item>
        <Form.Item name="category" label={t('lists.category')} rules={[{ required: true }]}>
          <Select options={LIST_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('lists.description')}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="need-description" />
        </Form.Item>
        <Form.Item name="quantity" label={t('lists.quantity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} precision={0} />
        </Form.Item>
        <Form.Item name="urgency" label={t('lists.urgency')}>
          <Select options={URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))} />
        </Form.Item>
        {onBehalf && (
          <Form.Item name="enterpriseId" label={t('lists.requester')} rules={[{ required: true }]}>
            <EnterprisePicker data-testid="need-enterprise" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
