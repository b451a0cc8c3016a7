import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { buildingApi, investmentApi } from '../../api/registry.ts';
import type { Building, InvestmentLead } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useFormErrors } from '../../ui/formErrors.ts';
import { area, percent } from '../buildings/useBuildings.ts';

interface Values {
  buildingId: string;
  enterprise: { name: string; creditCode: string };
  lease: { area: number; units?: string; startOn: Dayjs; endOn: Dayjs };
}

const DATE_FORMAT = 'YYYY-MM-DD';

function BuildingSelect({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim());
  const [items, setItems] = useState<Building[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    buildingApi
      .list({ q: q.length >= 2 ? q : undefined, limit: 20 }, controller.signal)
      .then((r) => setItems(r.items))
      .catch(() => {
        // Nothing to choose from; the server's answer on save says why.
        if (!controller.signal.aborted) setItems([]);
      });
    return () => controller.abort();
  }, [q]);
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      style={{ width: '100%' }}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      options={items.map((b) => ({
        value: b.id,
        label: `${b.name}（${percent(b.occupancy.occupancyRate, 0)} · ${area(b.occupancy.vacantArea)} ㎡）`,
      }))}
    />
  );
}

/** REG-8 入驻: the lead becomes an enterprise (REG-2) with a lease (REG-3) in the chosen building, in one step. */
export function SettleModal({ lead, onClose, onSaved }: { lead: InvestmentLead; onClose: () => void; onSaved: () => void }) {
  const t = useT();
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
      await investmentApi.transition(lead.id, {
        to: 'settled',
        buildingId: v.buildingId,
        enterprise: {
          name: v.enterprise.name.trim(),
          creditCode: v.enterprise.creditCode.trim().toUpperCase(),
          industryCode: lead.industryCode,
        },
        lease: {
          area: v.lease.area,
          units: v.lease.units?.trim() || undefined,
          startOn: v.lease.startOn.format(DATE_FORMAT),
          endOn: v.lease.endOn.format(DATE_FORMAT),
        },
      });
      message.success(t('lead.moved'));
      onSaved();
    } catch (err) {
      errors.show(err);
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('error.required') }];
  return (
    <Modal
      open
      title={t('lead.settleTitle', { name: lead.name })}
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
        data-testid="settle-form"
        initialValues={{
          enterprise: { name: lead.name },
          lease: { area: lead.areaNeeded, startOn: dayjs(), endOn: dayjs().add(3, 'year') },
        }}
      >
        <Form.Item name="buildingId" label={t('lead.building')} rules={required}>
          <BuildingSelect />
        </Form.Item>
        <Form.Item name={['enterprise', 'name']} label={t('lead.enterpriseName')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name={['enterprise', 'creditCode']}
          label={t('enterprise.creditCode')}
          rules={[...required, { len: 18, message: t('enterprise.creditCode') }]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name={['lease', 'area']} label={t('lease.area')} rules={required}>
          <InputNumber style={{ width: '100%' }} min={1} max={10_000_000} />
        </Form.Item>
        <Form.Item name={['lease', 'units']} label={`${t('lease.units')}（${t('common.optional')}）`}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name={['lease', 'startOn']} label={t('lease.startOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
        <Form.Item name={['lease', 'endOn']} label={t('lease.endOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
      </Form>
    </Modal>
  );
}
