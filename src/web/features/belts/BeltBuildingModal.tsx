import { App, DatePicker, Flex, Form, InputNumber, Modal, Radio, Slider, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { beltApi, type BeltBuildingStatus } from '../../api/registry.ts';
import type { Belt } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { BuildingPicker } from '../buildings/BuildingPicker.tsx';

interface Values {
  buildingId?: string;
  status: BeltBuildingStatus;
  progress: number;
  since?: Dayjs | null;
}

type Member = Belt['buildings'][number];

const DATE_FORMAT = 'YYYY-MM-DD';
const STATUSES: readonly BeltBuildingStatus[] = ['cultivating', 'named'];

/** The progress of a candidate as a slider with its number beside it; a named building is complete. */
function ProgressInput({ value, onChange, disabled }: { value?: number; onChange?: (v: number) => void; disabled: boolean }) {
  const t = useT();
  return (
    <Flex gap={12} align="center">
      <Slider style={{ flex: 1 }} min={0} max={100} step={5} value={value} onChange={onChange} disabled={disabled} />
      <InputNumber
        min={0}
        max={100}
        precision={0}
        suffix="%"
        value={value}
        onChange={(v) => onChange?.(v ?? 0)}
        disabled={disabled}
        style={{ width: 96 }}
        aria-label={t('belt.progress')}
        data-testid="belt-progress"
      />
    </Flex>
  );
}

/**
 * REG-7 a demonstration building in a belt: added as a candidate (培育中, with its progress)
 * or as named (已命名), and later moved along. Without `member` it adds one.
 */
export function BeltBuildingModal({
  belt,
  member,
  onClose,
  onSaved,
}: {
  belt: Belt;
  member?: Member;
  onClose: () => void;
  onSaved: (belt: Belt) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('status', form);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    errors.clear();
    const since = v.since ? v.since.format(DATE_FORMAT) : null;
    // Being named completes cultivation; the server records 100 whatever is sent.
    const progress = v.status === 'named' ? 100 : v.progress;
    try {
      const updated = member
        ? await beltApi.updateBuilding(belt.id, member.buildingId, { status: v.status, progress, since })
        : await beltApi.addBuilding(belt.id, { buildingId: v.buildingId ?? '', status: v.status, progress, since });
      message.success(t('belt.saved'));
      onSaved(updated);
    } catch (err) {
      errors.show(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={member ? t('belt.editBuildingTitle', { building: member.name }) : t('belt.addBuildingTitle', { belt: belt.name })}
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
        data-testid="belt-building-form"
        initialValues={{
          status: member?.status ?? 'cultivating',
          progress: member?.progress ?? 0,
          since: member?.since ? dayjs(member.since) : member ? null : dayjs(),
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.status === 'named') form.setFieldValue('progress', 100);
        }}
      >
        {!member && (
          <Form.Item name="buildingId" label={t('belt.building')} rules={[{ required: true, message: t('error.required') }]}>
            <BuildingPicker
              regionCode={belt.regionCode}
              exclude={belt.buildings.map((b) => b.buildingId)}
              data-testid="belt-building-picker"
            />
          </Form.Item>
        )}
        <Form.Item
          name="status"
          label={t('belt.status')}
          rules={[{ required: true, message: t('error.required') }]}
          extra={status === 'named' ? t('belt.namedHint') : undefined}
        >
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="belt-status">
            {STATUSES.map((s) => (
              <Radio.Button key={s} value={s}>
                {t(`demoStatus.${s}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="progress" label={t('belt.progress')}>
          <ProgressInput disabled={status === 'named'} />
        </Form.Item>
        <Form.Item name="since" label={`${t('belt.since')}（${t('common.optional')}）`}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
        {member && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {member.address}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
