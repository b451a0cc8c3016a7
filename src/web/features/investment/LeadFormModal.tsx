import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { investmentApi } from '../../api/registry.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { IndustryPicker } from '../enterprises/IndustryPicker.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';

interface Values {
  name: string;
  contactName?: string;
  industryCode?: string | null;
  areaNeeded: number;
  budget?: number | null;
  preferredRegionCode?: string | null;
  regionCode: string;
  note?: string;
}

/** REG-8 a new investor lead (招商线索): it starts as 潜在 and is owned by a region whose staff follow it up. */
export function LeadFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    errors.clear();
    try {
      await investmentApi.createLead({
        name: v.name.trim(),
        contactName: v.contactName?.trim() || null,
        industryCode: v.industryCode ?? null,
        areaNeeded: v.areaNeeded,
        budget: v.budget ?? null,
        preferredRegionCode: v.preferredRegionCode ?? null,
        regionCode: v.regionCode,
        note: v.note?.trim() || null,
      });
      message.success(t('lead.created'));
      onSaved();
    } catch (err) {
      errors.show(err);
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('error.required') }];
  const optional = (key: Parameters<typeof t>[0]) => `${t(key)}（${t('common.optional')}）`;
  return (
    <Modal
      open
      title={t('lead.newTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form<Values> form={form} layout="vertical" data-testid="lead-form" initialValues={{ regionCode: user.regionCode ?? undefined }}>
        <Form.Item name="name" label={t('invest.leadName')} rules={required}>
          <Input maxLength={100} data-testid="lead-name" />
        </Form.Item>
        <Form.Item name="contactName" label={optional('invest.contact')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="industryCode" label={optional('invest.industry')}>
          <IndustryPicker />
        </Form.Item>
        <Form.Item name="areaNeeded" label={t('invest.area')} rules={required}>
          <InputNumber style={{ width: '100%' }} min={1} max={10_000_000} data-testid="lead-area" />
        </Form.Item>
        <Form.Item name="budget" label={optional('invest.budget')}>
          <InputNumber style={{ width: '100%' }} min={0} max={100_000} />
        </Form.Item>
        <Form.Item name="preferredRegionCode" label={optional('invest.district')}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="regionCode" label={t('lead.owner')} rules={required}>
          <RegionPicker allowClear={false} data-testid="lead-region" />
        </Form.Item>
        <Form.Item name="note" label={optional('lead.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
