import { Button, Checkbox, Form, Input } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../app/i18n.ts';
import { VISIT_TOPICS, VISIT_TOPIC_KEYS, type VisitTopic } from '../../../domain/villages/field-work.ts';
import { FieldFormFrame } from './FieldForm.tsx';
import { HouseholdSelect } from './HouseholdSelect.tsx';
import { chinaToday } from './households.ts';

interface Values {
  householdId: string | null;
  visitedOn: string;
  topics: VisitTopic[];
  notes?: string;
}

/** GRD-3 入户走访 on the phone: household, date, topics, notes; kept on the device until synced. */
export function VisitForm() {
  const t = useT();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, message: t('field.required') }];
  return (
    <FieldFormFrame title={t('menu.fieldVisit')} savedText={t('field.saved')}>
      {({ households, submit, label }) => (
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="field-visit-form"
          initialValues={{ householdId: params.get('household'), visitedOn: chinaToday(), topics: [] }}
          onFinish={(v) => {
            submit({
              kind: 'visit',
              householdId: v.householdId ?? '',
              visitedOn: v.visitedOn,
              topics: v.topics,
              notes: v.notes?.trim() || null,
            });
            form.resetFields(['topics', 'notes']);
          }}
        >
          <Form.Item name="householdId" label={t('field.household')} rules={required}>
            <HouseholdSelect households={households} placeholder={t('field.householdPick')} />
          </Form.Item>
          <Form.Item name="visitedOn" label={t('field.visitedOn')} rules={required}>
            <Input type="date" max={chinaToday()} />
          </Form.Item>
          <Form.Item name="topics" label={t('field.topics')} rules={required}>
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
              options={VISIT_TOPIC_KEYS.map((k) => ({ value: k, label: label(VISIT_TOPICS[k]) }))}
            />
          </Form.Item>
          <Form.Item name="notes" label={t('field.notes')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" data-testid="field-save">
            {t('field.save')}
          </Button>
        </Form>
      )}
    </FieldFormFrame>
  );
}
