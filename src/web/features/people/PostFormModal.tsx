import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { personApi } from '../../api/resources.ts';
import type { PersonDetail } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { OrganisationPicker } from '../organisations/OrganisationPicker.tsx';

interface Values {
  organisationId?: string | null;
  title: string;
  startedOn?: Dayjs | null;
  endedOn?: Dayjs | null;
}

const DATE_FORMAT = 'YYYY-MM-DD';

/** ORG-3: one more post for a person, in any organisation in scope (双向进入、交叉任职). */
export function PostFormModal({
  person,
  onClose,
  onSaved,
}: {
  person: PersonDetail;
  onClose: () => void;
  onSaved: (p: PersonDetail) => void;
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
    try {
      const saved = await personApi.addPost(person.id, {
        organisationId: values.organisationId ?? '',
        title: values.title.trim(),
        startedOn: values.startedOn ? values.startedOn.format(DATE_FORMAT) : null,
        endedOn: values.endedOn ? values.endedOn.format(DATE_FORMAT) : null,
      });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      errors.show(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('post.add')} · ${person.name}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Alert type="info" showIcon title={t('post.crossHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form<Values> form={form} layout="vertical" data-testid="post-form">
        <Form.Item name="organisationId" label={t('post.organisation')} rules={[{ required: true, message: t('error.required') }]}>
          <OrganisationPicker />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('post.title')}
          rules={[{ required: true, whitespace: true, message: t('error.required') }, { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="startedOn" label={t('post.startedOn')}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="endedOn" label={t('post.endedOn')}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
