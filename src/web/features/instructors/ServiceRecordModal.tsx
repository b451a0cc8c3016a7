import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { serviceApi } from '../../api/registry.ts';
import { SERVICE_KINDS, type ServiceKind, type ServiceRecord } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { ServicePersonPicker, type ServicePerson } from './ServicePersonPicker.tsx';

interface Values {
  personId: string;
  enterpriseId: string;
  kind: ServiceKind;
  servedOn: Dayjs;
  summary: string;
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface ServiceRecordModalProps {
  /** The enterprise served, when the form opens from the enterprise's page. */
  enterprise?: NamedRef;
  /** Who served, when the form opens from a cadre's or instructor's record. */
  person?: ServicePerson;
  /** People offered first: the enterprise's own instructor and cadres. */
  suggestedPeople?: ServicePerson[];
  /** The enterprises offered when the person is fixed: their portfolio. Any enterprise in scope when empty. */
  portfolio?: NamedRef[];
  onClose: () => void;
  onSaved: (record: ServiceRecord) => void;
}

const DATE_FORMAT = 'YYYY-MM-DD';

/** A fixed side of the record: shown, and still a form field so a server message about it lands under it. */
function Fixed({ label }: { label: string; value?: string }) {
  return <Typography.Text strong>{label}</Typography.Text>;
}

/**
 * SVC-1/SVC-2 records one visit (走访服务) of an instructor or stationed cadre to an
 * enterprise, of one of the kinds the article names (争取项目、引进人才 …).
 */
export function ServiceRecordModal({ enterprise, person, suggestedPeople, portfolio, onClose, onSaved }: ServiceRecordModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const firstSuggested = suggestedPeople?.[0]?.personId;

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
      const record = await serviceApi.create({
        personId: v.personId,
        enterpriseId: v.enterpriseId,
        kind: v.kind,
        servedOn: v.servedOn.format(DATE_FORMAT),
        summary: v.summary.trim(),
      });
      message.success(t('service.created'));
      onSaved(record);
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
      title={t('service.newTitle')}
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
        data-testid="service-form"
        initialValues={{
          personId: person?.personId ?? firstSuggested,
          enterpriseId: enterprise?.id ?? (portfolio?.length === 1 ? portfolio[0]?.id : undefined),
          servedOn: dayjs(),
        }}
      >
        <Form.Item name="enterpriseId" label={t('service.enterprise')} rules={required}>
          {enterprise ? (
            <Fixed label={enterprise.name} />
          ) : portfolio && portfolio.length > 0 ? (
            <Select<string>
              data-testid="service-enterprise"
              placeholder={t('enterprise.pickerPlaceholder')}
              options={portfolio.map((e) => ({ value: e.id, label: e.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          ) : (
            <EnterprisePicker data-testid="service-enterprise" />
          )}
        </Form.Item>
        <Form.Item name="personId" label={t('service.person')} rules={required}>
          {person ? <Fixed label={person.name} /> : <ServicePersonPicker suggested={suggestedPeople} data-testid="service-person" />}
        </Form.Item>
        <Form.Item name="kind" label={t('service.kind')} rules={required}>
          <Select<ServiceKind>
            data-testid="service-kind"
            options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`serviceKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="servedOn" label={t('service.servedOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="summary" label={t('service.summary')} rules={[{ required: true, whitespace: true, message: t('error.required') }]}>
          <Input.TextArea
            maxLength={2000}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('service.summaryPlaceholder')}
            data-testid="service-summary"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
