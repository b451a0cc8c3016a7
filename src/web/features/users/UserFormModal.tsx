import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { userApi } from '../../api/resources.ts';
import { LOCALES, type Locale, type Role, type User } from '../../api/types.ts';
import { ROLES_MANAGED_BY } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { OrganisationPicker } from '../organisations/OrganisationPicker.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { passwordRule } from './passwordRule.ts';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  regionCode?: string | null;
  organisationId?: string | null;
  password?: string;
  locale: Locale;
}

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export interface UserFormModalProps {
  account?: User | undefined;
  onClose: () => void;
  onSaved: (user: User) => void;
}

/** SEC-1 account create/edit: roles offered are those the signed-in user may manage. */
export function UserFormModal({ account, onClose, onSaved }: UserFormModalProps) {
  const t = useT();
  const labels = useLabels();
  const me = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const manageable = ROLES_MANAGED_BY[me.role];
  // An account being edited may hold a role the editor could not create; keep it selectable so the form shows it.
  const roleOptions = account && !manageable.includes(account.role) ? [account.role, ...manageable] : manageable;

  const initialValues: Partial<Values> = account
    ? {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        regionCode: account.regionCode,
        organisationId: account.organisationId,
        locale: account.locale,
      }
    : { locale: 'zh-CN', ...(manageable[0] ? { role: manageable[0] } : {}), regionCode: me.regionCode };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const scope = { regionCode: values.regionCode ?? null, organisationId: values.organisationId ?? null };
    setSaving(true);
    errors.clear();
    try {
      const saved = account
        ? await userApi.update(account.id, { displayName: values.displayName.trim(), role: values.role, locale: values.locale, ...scope })
        : await userApi.create({
            username: values.username.trim().toLowerCase(),
            displayName: values.displayName.trim(),
            role: values.role,
            locale: values.locale,
            password: values.password ?? '',
            ...scope,
          });
      message.success(account ? t('common.saved') : t('common.created'));
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
      title={account ? t('user.edit') : t('user.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={600}
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} data-testid="user-form" autoComplete="off">
        <Form.Item
          name="username"
          label={t('user.username')}
          normalize={(v: string | undefined) => v?.toLowerCase()}
          rules={[
            { required: true, message: t('error.required') },
            { pattern: /^[a-z0-9_.-]{3,40}$/, message: t('user.usernameFormat') },
          ]}
        >
          <Input disabled={Boolean(account)} maxLength={40} autoCapitalize="none" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('user.displayName')}
          rules={[{ required: true, whitespace: true, message: t('error.required') }, { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} rules={[{ required: true, message: t('error.required') }]}>
          <Select<Role> options={roleOptions.map((r) => ({ value: r, label: labels.role(r), disabled: !manageable.includes(r) }))} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('user.region')}
          extra={t('user.scopeHint')}
          dependencies={['role', 'organisationId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: string | null | undefined) => {
                if (value || getFieldValue('organisationId') || getFieldValue('role') === 'admin') return;
                throw new Error(t('user.scopeHint'));
              },
            }),
          ]}
        >
          <RegionPicker initialName={account?.regionName ?? (account ? null : me.regionName)} />
        </Form.Item>
        <Form.Item name="organisationId" label={t('user.organisation')}>
          <OrganisationPicker initialName={account?.organisationName ?? null} placeholder={t('common.optional')} />
        </Form.Item>
        {!account && (
          <Form.Item
            name="password"
            label={t('user.password')}
            extra={t('user.passwordHint')}
            rules={[{ required: true, message: t('error.required') }, passwordRule(t)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('user.locale')}>
          <Select<Locale> options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
