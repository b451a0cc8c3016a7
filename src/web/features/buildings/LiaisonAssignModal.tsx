import { Alert, App, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { buildingApi } from '../../api/registry.ts';
import type { LiaisonRole } from '../../api/registryTypes.ts';
import { personApi } from '../../api/resources.ts';
import type { Person } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useFormErrors } from '../../ui/formErrors.ts';

interface Values {
  personId: string;
  startedOn: Dayjs;
}

const DATE_FORMAT = 'YYYY-MM-DD';

function PersonSelect({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query.trim());
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    let cancelled = false;
    personApi
      .list({ q: settled || undefined, limit: 20 })
      .then(({ items }) => {
        if (!cancelled) setPeople(items);
      })
      .catch(() => {
        // Nothing to choose from; the server's answer on save says why.
        if (!cancelled) setPeople([]);
      });
    return () => {
      cancelled = true;
    };
  }, [settled]);
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      style={{ width: '100%' }}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      notFoundContent={<Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
      options={people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name}（${p.organisationName}）` : p.name }))}
    />
  );
}

/**
 * REG-6 appoint a person to one of the eight roles. Whether the person comes
 * from the right department (a 税务专管员 from the tax bureau …) is the server's
 * rule; its refusal lands on the person field.
 */
export function LiaisonAssignModal({
  buildingId,
  role,
  onClose,
  onSaved,
}: {
  buildingId: string;
  role: LiaisonRole;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const roleName = t(`liaison.${role}`);

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
      await buildingApi.assignLiaison(buildingId, role, values.personId, values.startedOn.format(DATE_FORMAT));
      message.success(t('common.saved'));
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
      title={t('liaison.assignTitle', { role: roleName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Alert type="info" showIcon title={t('liaison.hint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form<Values> form={form} layout="vertical" initialValues={{ startedOn: dayjs() }} data-testid="liaison-form">
        <Form.Item name="personId" label={t('liaison.person')} rules={[{ required: true, message: t('error.required') }]}>
          <PersonSelect />
        </Form.Item>
        <Form.Item name="startedOn" label={t('liaison.startedOn')} rules={[{ required: true, message: t('error.required') }]}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly />
        </Form.Item>
      </Form>
    </Modal>
  );
}
