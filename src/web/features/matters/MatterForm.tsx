import { Button, Checkbox, Form, Input, type FormInstance } from 'antd';
import { useState } from 'react';
import { matterApi, type MatterCategory, type MatterInput } from '../../api/matters.ts';
import { useUser } from '../../app/auth.tsx';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { CategoryPicker } from './CategoryPicker.tsx';

export interface MatterFormValues {
  categoryId: string;
  title: string;
  description: string;
  enterpriseId?: string | null;
  contactName?: string;
  contactPhone?: string;
  urgent?: boolean;
}

/**
 * A key for one opening of the form: a double click or a retry after a lost
 * answer sends it again, and the server answers with the same matter (MAT-1).
 * getRandomValues works on plain-HTTP intranet addresses, where randomUUID does not.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface MatterFormProps {
  categories: readonly MatterCategory[];
  /** Staff entering for an enterprise pick it and may mark the matter urgent; the portal's enterprise is the user's own. */
  onBehalf: boolean;
  onSubmitted: (id: string) => void;
  /** A submit button of the form's own; a modal passes its own and calls `form.submit()`. */
  submitLabel?: string;
  /** A modal holding the form passes its instance and calls `form.submit()` from its own button. */
  form?: FormInstance<MatterFormValues>;
  onSubmitting?: (busy: boolean) => void;
}

/** MAT-1 the matter form of the portal (我要反映) and of staff entering a matter for an enterprise. */
export function MatterForm({ categories, onBehalf, onSubmitted, submitLabel, form: outer, onSubmitting }: MatterFormProps) {
  const t = useT();
  const user = useUser();
  const [form] = Form.useForm<MatterFormValues>(outer);
  const errors = useFormErrors(form);
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);

  const submit = async (v: MatterFormValues) => {
    // The key guards against a second request; this guards against a second click while the first is on its way.
    if (busy) return;
    setBusy(true);
    onSubmitting?.(true);
    errors.clear();
    const input: MatterInput = {
      categoryId: v.categoryId,
      title: v.title.trim(),
      description: v.description.trim(),
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      ...(onBehalf ? { enterpriseId: v.enterpriseId ?? null, urgent: Boolean(v.urgent) } : {}),
    };
    try {
      const { id } = await matterApi.submit(input, key);
      onSubmitted(id);
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
      onSubmitting?.(false);
    }
  };

  return (
    <>
      <ErrorAlert error={errors.error} fields={errors.unplaced} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ contactName: onBehalf ? '' : user.displayName }}
        onFinish={(v) => void submit(v)}
        data-testid="matter-form"
      >
        {onBehalf && (
          <Form.Item name="enterpriseId" label={t('matter.field.enterprise')} extra={t('matter.field.enterpriseHint')}>
            <EnterprisePicker data-testid="matter-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="categoryId" label={t('matter.field.category')} rules={[{ required: true, message: t('error.required') }]}>
          <CategoryPicker categories={categories} data-testid="matter-category" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('matter.field.title')}
          rules={[{ required: true, whitespace: true, message: t('error.required') }]}
        >
          <Input maxLength={100} placeholder={t('matter.field.titlePlaceholder')} data-testid="matter-title" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('matter.field.description')}
          rules={[{ required: true, whitespace: true, message: t('error.required') }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={4000}
            showCount
            placeholder={t('matter.field.descriptionPlaceholder')}
            data-testid="matter-description"
          />
        </Form.Item>
        <Form.Item name="contactName" label={t('matter.field.contactName')} rules={[{ max: 40 }]}>
          <Input maxLength={40} autoComplete="name" data-testid="matter-contact" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('matter.field.contactPhone')}
          rules={[{ pattern: /^1\d{10}$/, message: t('matter.field.phoneInvalid') }]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={11} data-testid="matter-phone" />
        </Form.Item>
        {onBehalf && (
          <Form.Item name="urgent" valuePropName="checked">
            <Checkbox>{t('matter.field.urgent')}</Checkbox>
          </Form.Item>
        )}
        {submitLabel && (
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="matter-submit">
            {submitLabel}
          </Button>
        )}
      </Form>
    </>
  );
}
