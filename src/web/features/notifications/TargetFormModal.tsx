import { Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { notificationChannelApi, TARGET_KINDS, type Target, type TargetInput, type TargetKind } from '../../api/notifications.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';

interface Values {
  name: string;
  kind: TargetKind;
  address?: string;
  secret?: string;
  regionCode?: string | null;
  topics?: string[];
  enabled: boolean;
}

/** NTF-1 adds or edits a channel; the stored address and secret are never sent back, so editing leaves them unless retyped. */
export function TargetFormModal({ target, onClose, onSaved }: { target: Target | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const me = useUser();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const initialValues: Partial<Values> = target
    ? { name: target.name, kind: target.kind, regionCode: target.regionCode, topics: target.topics ?? [], enabled: target.enabled }
    : { kind: 'wecom', regionCode: me.regionCode, topics: [], enabled: true };

  const submit = async (v: Values) => {
    setSaving(true);
    errors.clear();
    const input: Partial<TargetInput> = {
      name: v.name,
      kind: v.kind,
      regionCode: v.regionCode || null,
      topics: v.topics?.length ? v.topics : null,
      enabled: v.enabled,
      ...(v.address ? { address: v.address } : {}),
      ...(v.secret ? { secret: v.secret } : {}),
    };
    try {
      if (target) await notificationChannelApi.updateTarget(target.id, input);
      else await notificationChannelApi.createTarget(input as TargetInput);
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
      title={t(target ? 'channel.edit' : 'channel.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('channel.name')} rules={[{ required: true, max: 80 }]}>
          <Input data-testid="channel-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('channel.kind')} rules={[{ required: true }]}>
          <Select options={TARGET_KINDS.map((k) => ({ value: k, label: t(`channel.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('channel.address')}
          extra={target ? `${target.addressMasked} · ${t('channel.addressKeep')}` : t('channel.addressHint')}
          rules={target ? [] : [{ required: true }]}
        >
          <Input data-testid="channel-address" />
        </Form.Item>
        <Form.Item name="secret" label={t('channel.secret')} extra={target?.hasSecret ? t('channel.secretSet') : t('channel.secretHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('channel.region')}
          extra={t('channel.regionHint')}
          rules={me.role === 'admin' ? [] : [{ required: true }]}
        >
          <RegionPicker allowClear={me.role === 'admin'} />
        </Form.Item>
        <Form.Item name="topics" label={t('channel.topics')} extra={t('channel.topicsHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
        </Form.Item>
        <Form.Item name="enabled" label={t('channel.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
