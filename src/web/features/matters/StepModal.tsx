import { Form, Input, InputNumber, Modal, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { TRANSITIONS } from '../../../domain/matters/workflow.ts';
import { ApiError } from '../../api/client.ts';
import { matterApi, type MatterDetail, type StepAction, type StepInput } from '../../api/matters.ts';
import { useT, type MessageKey } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { useMatterLabels } from './useMatterLabels.ts';

interface Values {
  note?: string;
  handlerOrgId?: string;
  extensionDays?: number;
  satisfaction?: StepInput['satisfaction'];
  colour?: StepInput['colour'];
}

const NOTE_LABEL: Partial<Record<StepAction, MessageKey>> = {
  dispatch: 'matter.step.instructions',
  return: 'matter.step.reason',
  escalate: 'matter.step.reason',
  withdraw: 'matter.step.reason',
  refuse_extension: 'matter.step.reason',
  request_extension: 'matter.step.reason',
  reopen: 'matter.step.reason',
  report_back: 'matter.step.result',
  resolve_on_site: 'matter.step.result',
  reply: 'matter.step.reply',
  provide_info: 'matter.step.info',
  request_info: 'matter.step.info',
};

// The server counts extensions in working minutes; the form asks for working days.
const RENAME = { extensionMinutes: 'extensionDays' };

export interface StepOutcome {
  /** The matter after the step, or null when the step took it out of the user's sight (a department returning it). */
  matter: MatterDetail | null;
}

export interface StepModalProps {
  matter: Pick<MatterDetail, 'id' | 'version' | 'handlerOptions'>;
  action: StepAction;
  onClose: () => void;
  onDone: (outcome: StepOutcome) => void;
  /** The matter changed under the user (409): the page reloads it and shows the server's message. */
  onConflict: (message: string) => void;
}

/** One step of a matter: the fields it needs, sent with the version the user saw (MAT-2, MAT-3, MAT-5, MAT-7). */
export function StepModal({ matter, action, onClose, onDone, onConflict }: StepModalProps) {
  const t = useT();
  const labels = useMatterLabels();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, RENAME);
  const [saving, setSaving] = useState(false);
  const needsNote = TRANSITIONS[action].needsNote;
  const suggested = matter.handlerOptions.find((h) => h.suggested);

  const submit = async (v: Values) => {
    setSaving(true);
    errors.clear();
    const input: StepInput = {
      action,
      version: matter.version,
      note: v.note?.trim() || null,
      ...(action === 'dispatch' ? { handlerOrgId: v.handlerOrgId ?? null } : {}),
      ...(action === 'request_extension' && v.extensionDays !== undefined ? { extensionDays: v.extensionDays } : {}),
      ...(action === 'rate' && v.satisfaction ? { satisfaction: v.satisfaction } : {}),
      ...(action === 'supervise' && v.colour ? { colour: v.colour } : {}),
    };
    try {
      const result = await matterApi.step(matter.id, input);
      onDone({ matter: result.matter });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) onConflict(err.message);
      else errors.show(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={labels.action(action)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={labels.action(action)}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'step-ok' } as Record<string, string>}
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ handlerOrgId: suggested?.id, extensionDays: 2 }}
        onFinish={(v) => void submit(v)}
        data-testid={`step-form-${action}`}
      >
        {action === 'dispatch' && (
          <Form.Item name="handlerOrgId" label={t('matter.step.handler')} rules={[{ required: true, message: t('error.required') }]}>
            <Select
              data-testid="step-handler"
              showSearch={{ optionFilterProp: 'name' }}
              options={matter.handlerOptions.map((h) => ({
                value: h.id,
                name: h.name,
                label: (
                  <Space size={4}>
                    {h.name}
                    {h.suggested && <Tag color="red">{t('matter.step.suggested')}</Tag>}
                  </Space>
                ),
              }))}
            />
          </Form.Item>
        )}
        {action === 'request_extension' && (
          <Form.Item name="extensionDays" label={t('matter.step.days')} rules={[{ required: true, message: t('error.required') }]}>
            <InputNumber min={0.5} max={60} step={0.5} style={{ width: 160 }} data-testid="step-days" />
          </Form.Item>
        )}
        {action === 'rate' && (
          <Form.Item name="satisfaction" label={t('matter.step.satisfaction')} rules={[{ required: true, message: t('error.required') }]}>
            <SatisfactionChoice />
          </Form.Item>
        )}
        {action === 'supervise' && (
          <Form.Item name="colour" label={t('matter.step.colour')} rules={[{ required: true, message: t('error.required') }]}>
            <Radio.Group
              data-testid="step-colour"
              options={[
                { value: 'yellow', label: t('matter.supervision.yellow') },
                { value: 'red', label: t('matter.supervision.red') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t(NOTE_LABEL[action] ?? 'matter.step.note')}
          rules={needsNote ? [{ required: true, whitespace: true, message: t('error.required') }] : []}
        >
          <Input.TextArea
            rows={action === 'reply' || action === 'report_back' ? 5 : 3}
            maxLength={2000}
            showCount
            data-testid="step-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface SatisfactionChoiceProps {
  value?: StepInput['satisfaction'];
  onChange?: (value: StepInput['satisfaction']) => void;
}

/** 满意 / 基本满意 / 不满意 as three large buttons (thumbs on a phone). */
export function SatisfactionChoice({ value, onChange }: SatisfactionChoiceProps) {
  const labels = useMatterLabels();
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value as StepInput['satisfaction'])}
      optionType="button"
      buttonStyle="solid"
      size="large"
      data-testid="step-satisfaction"
      options={(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((s) => ({ value: s, label: labels.satisfaction(s) }))}
    />
  );
}
