import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { beltApi } from '../../api/registry.ts';
import type { Belt, BeltLevel } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { BuildingPicker } from '../buildings/BuildingPicker.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';

interface Values {
  name: string;
  level: BeltLevel;
  regionCode: string;
  buildingId?: string | null;
  namedOn?: Dayjs | null;
}

const DATE_FORMAT = 'YYYY-MM-DD';
const LEVELS: readonly BeltLevel[] = ['city', 'county'];

/** REG-7 a demonstration point (示范点) of a belt, at city or county level, possibly at one of its buildings. */
export function BeltPointModal({ belt, onClose, onSaved }: { belt: Belt; onClose: () => void; onSaved: (belt: Belt) => void }) {
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
      const updated = await beltApi.addPoint(belt.id, {
        name: v.name.trim(),
        level: v.level,
        regionCode: v.regionCode,
        buildingId: v.buildingId ?? null,
        namedOn: v.namedOn ? v.namedOn.format(DATE_FORMAT) : null,
      });
      message.success(t('belt.saved'));
      onSaved(updated);
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
      title={t('belt.addPointTitle', { belt: belt.name })}
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
        data-testid="belt-point-form"
        initialValues={{ level: 'county', regionCode: belt.regionCode }}
      >
        <Form.Item name="name" label={t('belt.pointName')} rules={[{ required: true, whitespace: true, message: t('error.required') }]}>
          <Input maxLength={100} data-testid="belt-point-name" />
        </Form.Item>
        <Form.Item name="level" label={t('belt.pointLevel')} rules={required}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="belt-point-level">
            {LEVELS.map((l) => (
              <Radio.Button key={l} value={l}>
                {t(`belt.level.${l}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="regionCode" label={t('belt.pointRegion')} rules={required}>
          <RegionPicker allowClear={false} initialName={belt.regionName} data-testid="belt-point-region" />
        </Form.Item>
        <Form.Item name="buildingId" label={optional('belt.pointBuilding')}>
          <BuildingPicker regionCode={belt.regionCode} />
        </Form.Item>
        <Form.Item name="namedOn" label={optional('belt.namedOn')}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
      </Form>
    </Modal>
  );
}
