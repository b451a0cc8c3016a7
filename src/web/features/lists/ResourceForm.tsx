import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { LIST_CATEGORIES, resourceApi, type ListCategory, type Resource } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { useListLabels } from './labels.ts';

interface Values {
  title: string;
  description?: string;
  category: ListCategory;
  capacity?: number | null;
  conditions?: string;
  contact?: string;
  validUntil?: Dayjs | null;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated?: (resource: Resource) => void;
  /** Editing this resource; capacity cannot go below what confirmed matches already use (the server says so on the field). */
  resource?: Resource | undefined;
  onSaved?: () => void;
}

/** LST-2 offering a resource (the provider is the caller's own organisation) or editing one. */
export function ResourceForm({ open, onClose, onCreated, resource: editing, onSaved }: Props) {
  const t = useT();
  const labels = useListLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    // An invalid field shows its own message; the rejection carries nothing more to report.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    errors.clear();
    const input = {
      title: values.title,
      description: values.description ?? '',
      category: values.category,
      // An empty capacity is an unlimited one (a policy, a hotline).
      capacity: values.capacity ?? null,
      conditions: values.conditions ?? '',
      contact: values.contact ?? '',
      validUntil: values.validUntil ? values.validUntil.format('YYYY-MM-DD') : null,
    };
    try {
      if (editing) {
        await resourceApi.update(editing.id, { version: editing.version, ...input });
        message.success(t('lists.saved'));
        onSaved?.();
      } else {
        const resource = await resourceApi.create(input);
        message.success(t('lists.resourceCreated', { code: resource.code }));
        form.resetFields();
        onCreated?.(resource);
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
      title={editing ? t('lists.editResource') : t('lists.newResource')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'resource-form-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form
        form={form}
        layout="vertical"
        data-testid="resource-form"
        initialValues={
          editing
            ? {
                title: editing.title,
                category: editing.category,
                description: editing.description,
                capacity: editing.capacity,
                conditions: editing.conditions,
                contact: editing.contact,
                validUntil: editing.validUntil ? dayjs(editing.validUntil) : null,
              }
            : undefined
        }
      >
        <Form.Item name="title" label={t('lists.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="resource-title" />
        </Form.Item>
        <Form.Item name="category" label={t('lists.category')} rules={[{ required: true }]}>
          <Select options={LIST_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('lists.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="capacity" label={t('lists.capacity')} extra={t('lists.unlimited')}>
          <InputNumber min={0} precision={0} data-testid="resource-capacity" />
        </Form.Item>
        <Form.Item name="conditions" label={t('lists.conditions')}>
          <Input />
        </Form.Item>
        <Form.Item name="contact" label={t('lists.contact')}>
          <Input />
        </Form.Item>
        <Form.Item name="validUntil" label={t('lists.validUntil')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
