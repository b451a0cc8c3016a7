import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { leaseApi, type LeaseEventInput } from '../../api/registry.ts';
import type { Tenant } from '../../api/registryTypes.ts';
import { useT, type MessageKey } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';

export type LeaseEventKind = 'move_out' | 'area_change' | 'renewal';

interface Values {
  effectiveOn: Dayjs;
  area?: number | null;
  endOn?: Dayjs | null;
  note?: string;
}

const DATE_FORMAT = 'YYYY-MM-DD';
const TITLE: Record<LeaseEventKind, MessageKey> = {
  move_out: 'lease.moveOutTitle',
  area_change: 'lease.areaChangeTitle',
  renewal: 'lease.renewalTitle',
};

/** REG-3 one event on a current lease: the platform learns of it at once (及时掌握). */
export function LeaseEventModal({
  tenant,
  kind,
  onClose,
  onSaved,
}: {
  tenant: Tenant;
  kind: LeaseEventKind;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    errors.clear();
    const input: LeaseEventInput = { kind, effectiveOn: values.effectiveOn.format(DATE_FORMAT), note: values.note?.trim() || null };
    if (kind === 'area_change') input.area = values.area ?? null;
    if (kind === 'renewal') {
      input.endOn = values.endOn ? values.endOn.format(DATE_FORMAT) : null;
      if (values.area) input.area = values.area;
    }
    try {
      await leaseApi.addEvent(tenant.leaseId, input);
      message.success(t('lease.recorded'));
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
      title={t(TITLE[kind], { name: tenant.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="lease-event-form"
        initialValues={{
          effectiveOn: dayjs(),
          area: kind === 'area_change' ? tenant.area : null,
          endOn: kind === 'renewal' ? dayjs(tenant.endOn).add(1, 'year') : null,
        }}
      >
        <Form.Item name="effectiveOn" label={t('lease.effectiveOn')} rules={[{ required: true, message: t('error.required') }]}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
        {kind === 'area_change' && (
          <Form.Item name="area" label={t('lease.newArea')} rules={[{ required: true, message: t('error.required') }]}>
            <InputNumber style={{ width: '100%' }} min={1} max={10_000_000} precision={2} />
          </Form.Item>
        )}
        {kind === 'renewal' && (
          <Form.Item name="endOn" label={t('lease.newEndOn')} rules={[{ required: true, message: t('error.required') }]}>
            <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
          </Form.Item>
        )}
        <Form.Item name="note" label={`${t('lease.note')}（${t('common.optional')}）`}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
