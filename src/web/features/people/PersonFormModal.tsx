import { App, DatePicker, Form, Input, Modal, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isValidIdNumber, isValidMobile } from '../../../domain/identity/codes.ts';
import { personApi, type PersonInput } from '../../api/resources.ts';
import type { Gender, PersonDetail } from '../../api/types.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { OrganisationPicker } from '../organisations/OrganisationPicker.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';

interface Values {
  name: string;
  gender?: Gender | null;
  birthDate?: Dayjs | null;
  isPartyMember: boolean;
  regionCode?: string | null;
  organisationId?: string | null;
  phone?: string;
  idNumber?: string;
}

export interface PersonFormModalProps {
  person?: PersonDetail | undefined;
  onClose: () => void;
  onSaved: (person: PersonDetail) => void;
}

// The API's calendar dates (ISO, no time zone).
const DATE_FORMAT = 'YYYY-MM-DD';

/**
 * ORG-3 create/edit. Phone and ID number are never prefilled: the page only
 * has the masked form, so a blank field means "keep what is stored".
 */
export function PersonFormModal({ person, onClose, onSaved }: PersonFormModalProps) {
  const t = useT();
  const me = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const initialValues: Partial<Values> = person
    ? {
        name: person.name,
        gender: person.gender,
        birthDate: person.birthDate ? dayjs(person.birthDate, DATE_FORMAT) : null,
        isPartyMember: person.isPartyMember,
        regionCode: person.regionCode,
        organisationId: person.organisationId,
      }
    : { isPartyMember: true, regionCode: me.regionCode };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input: PersonInput = {
      name: values.name.trim(),
      gender: values.gender ?? null,
      birthDate: values.birthDate ? values.birthDate.format(DATE_FORMAT) : null,
      isPartyMember: values.isPartyMember,
      regionCode: values.regionCode ?? '',
      organisationId: values.organisationId ?? null,
    };
    const phone = values.phone?.trim();
    const idNumber = values.idNumber?.trim().toUpperCase();
    if (phone) input.phone = phone;
    if (idNumber) input.idNumber = idNumber;

    setSaving(true);
    errors.clear();
    try {
      const saved = person ? await personApi.update(person.id, input) : await personApi.create(input);
      message.success(person ? t('common.saved') : t('common.created'));
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
      title={person ? t('person.edit') : t('person.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} data-testid="person-form">
        <Form.Item
          name="name"
          label={t('person.name')}
          rules={[{ required: true, whitespace: true, message: t('error.required') }, { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="gender" label={t('person.gender')}>
          <Radio.Group
            options={[
              { value: 'male', label: t('person.gender.male') },
              { value: 'female', label: t('person.gender.female') },
            ]}
          />
        </Form.Item>
        <Form.Item name="birthDate" label={t('person.birthDate')}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item name="isPartyMember" label={t('person.isPartyMember')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="regionCode" label={t('person.region')} rules={[{ required: true, message: t('error.required') }]}>
          <RegionPicker initialName={person ? person.regionName : me.regionName} />
        </Form.Item>
        <Form.Item name="organisationId" label={t('person.organisation')}>
          <OrganisationPicker initialName={person?.organisationName ?? null} placeholder={t('common.optional')} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('person.phone')}
          extra={person ? t('person.maskedHint') : undefined}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (!value || isValidMobile(value.trim())) return;
                throw new Error(t('person.phoneInvalid'));
              },
            },
          ]}
        >
          <Input maxLength={11} inputMode="numeric" placeholder={person?.phone ?? t('common.optional')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('person.idNumber')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (!value || isValidIdNumber(value.trim())) return;
                throw new Error(t('person.idNumberInvalid'));
              },
            },
          ]}
        >
          <Input
            maxLength={18}
            placeholder={person?.idNumber ?? t('common.optional')}
            autoComplete="off"
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
