import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { leaseApi } from '../../api/registry.ts';
import type { Building } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { area as formatArea } from './useBuildings.ts';

interface Values {
  enterpriseId: string;
  area: number;
  units?: string;
  startOn: Dayjs;
  endOn: Dayjs;
  note?: string;
}

const DATE_FORMAT = 'YYYY-MM-DD';

/** REG-3 a move-in: a new lease of an enterprise already registered (REG-2) in this building. */
export function MoveInModal({ building, onClose, onSaved }: { building: Building; onClose: () => void; onSaved: () => void }) {
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
    try {
      await leaseApi.moveIn({
        buildingId: building.id,
        enterpriseId: values.enterpriseId,
        area: values.area,
        units: values.units?.trim() || undefined,
        startOn: values.startOn.format(DATE_FORMAT),
        endOn: values.endOn.format(DATE_FORMAT),
        note: values.note?.trim() || null,
      });
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
      title={`${t('lease.moveIn')} · ${building.name}`}
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
        data-testid="move-in-form"
        initialValues={{ startOn: dayjs(), endOn: dayjs().add(3, 'year') }}
      >
        <Form.Item name="enterpriseId" label={t('lease.enterprise')} rules={[{ required: true, message: t('error.required') }]}>
          <EnterprisePicker />
        </Form.Item>
        <Form.Item
          name="area"
          label={t('lease.area')}
          extra={`${t('building.vacantArea')} ${t('area.value', { area: formatArea(building.occupancy.vacantArea) })}`}
          rules={[{ required: true, message: t('error.required') }]}
        >
          <InputNumber style={{ width: '100%' }} min={1} max={10_000_000} precision={2} />
        </Form.Item>
        <Form.Item name="units" label={`${t('lease.units')}（${t('common.optional')}）`}>
          <Input maxLength={200} placeholder="1201-1205" />
        </Form.Item>
        <Form.Item name="startOn" label={t('lease.startOn')} rules={[{ required: true, message: t('error.required') }]}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
        <Form.Item name="endOn" label={t('lease.endOn')} rules={[{ required: true, message: t('error.required') }]}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
        <Form.Item name="note" label={`${t('lease.note')}（${t('common.optional')}）`}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
