import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { isValidCreditCode } from '../../../domain/identity/codes.ts';
import { organisationApi, type OrganisationInput } from '../../api/resources.ts';
import {
  FORMATIONS,
  ORGANISATION_KINDS,
  PARTY_ORG_KINDS,
  type Formation,
  type Organisation,
  type OrganisationDetail,
  type OrganisationKind,
  type PartyOrgKind,
} from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { OrganisationPicker } from './OrganisationPicker.tsx';

interface Values {
  name: string;
  kind: OrganisationKind;
  partyOrgKind?: PartyOrgKind | null;
  formation?: Formation | null;
  departmentKind?: string | null;
  parentId?: string | null;
  regionCode?: string | null;
  creditCode?: string | null;
}

export interface OrganisationFormModalProps {
  /** The organisation being edited; absent to create one. */
  organisation?: (Organisation & { parent?: { id: string; name: string } | null }) | undefined;
  /** Prefills for a new organisation, e.g. the region being browsed or the parent whose child is added. */
  defaults?: Partial<Values> & { parentName?: string; regionName?: string };
  onClose: () => void;
  onSaved: (organisation: OrganisationDetail) => void;
}

const blankToNull = (value: string | null | undefined): string | null => (value && value.trim() ? value.trim() : null);

/** ORG-2 create/edit. Kind-dependent fields: a party organisation needs its kind and formation. */
export function OrganisationFormModal({ organisation, defaults, onClose, onSaved }: OrganisationFormModalProps) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);

  const initialValues: Partial<Values> = organisation
    ? {
        name: organisation.name,
        kind: organisation.kind,
        partyOrgKind: organisation.partyOrgKind,
        formation: organisation.formation,
        departmentKind: organisation.departmentKind,
        parentId: organisation.parentId,
        regionCode: organisation.regionCode,
        creditCode: organisation.creditCode,
      }
    : { kind: 'party_org', ...defaults };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd already marks the fields
    }
    const isParty = values.kind === 'party_org';
    const input: OrganisationInput = {
      name: values.name.trim(),
      kind: values.kind,
      partyOrgKind: isParty ? (values.partyOrgKind ?? null) : null,
      formation: isParty ? (values.formation ?? null) : null,
      departmentKind: values.kind === 'department' || values.kind === 'government' ? blankToNull(values.departmentKind) : null,
      parentId: values.parentId ?? null,
      regionCode: values.regionCode ?? '',
      creditCode: blankToNull(values.creditCode),
    };
    setSaving(true);
    errors.clear();
    try {
      const saved = organisation
        ? await organisationApi.update(organisation.id, { ...input, expectedUpdatedAt: organisation.updatedAt })
        : await organisationApi.create(input);
      message.success(organisation ? t('common.saved') : t('common.created'));
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
      title={organisation ? t('org.edit') : t('org.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
    >
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={() => void submit()}
        data-testid="organisation-form"
      >
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('error.required') }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('error.required') }]}>
          <Select<OrganisationKind> options={ORGANISATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} />
        </Form.Item>
        {kind === 'party_org' && (
          <>
            <Form.Item name="partyOrgKind" label={t('org.partyOrgKind')} rules={[{ required: true, message: t('error.required') }]}>
              <Select<PartyOrgKind> options={PARTY_ORG_KINDS.map((k) => ({ value: k, label: labels.partyOrgKind(k) }))} />
            </Form.Item>
            <Form.Item name="formation" label={t('org.formation')} rules={[{ required: true, message: t('error.required') }]}>
              <Select<Formation> options={FORMATIONS.map((f) => ({ value: f, label: labels.formation(f) }))} />
            </Form.Item>
          </>
        )}
        {(kind === 'department' || kind === 'government') && (
          <Form.Item name="departmentKind" label={t('org.departmentKind')} rules={[{ max: 40 }]}>
            <Input maxLength={40} placeholder={t('common.optional')} />
          </Form.Item>
        )}
        <Form.Item name="regionCode" label={t('org.region')} rules={[{ required: true, message: t('error.required') }]}>
          <RegionPicker initialName={organisation?.regionName ?? defaults?.regionName ?? null} />
        </Form.Item>
        <Form.Item name="parentId" label={t('org.parent')}>
          <OrganisationPicker
            initialName={organisation?.parent?.name ?? defaults?.parentName ?? null}
            placeholder={t('common.optional')}
            {...(organisation ? { excludeId: organisation.id } : {})}
          />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('org.creditCode')}
          normalize={(v: string | undefined) => (v ? v.toUpperCase().replace(/\s/g, '') : v)}
          rules={[
            {
              // GB 32100 check digit in the browser, so a typo is caught before the round trip.
              validator: async (_, value: string | null | undefined) => {
                if (!value || isValidCreditCode(value)) return;
                throw new Error(t('org.creditCodeInvalid'));
              },
            },
          ]}
        >
          <Input maxLength={18} placeholder={t('common.optional')} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
