import { Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { CHECKLIST_ITEMS, FIRE_CHECKLIST, type ChecklistItem } from '../../../domain/villages/field-work.ts';
import { FieldFormFrame } from './FieldForm.tsx';
import { HouseholdSelect } from './HouseholdSelect.tsx';
import { chinaToday } from './households.ts';

interface Values {
  householdId: string | null;
  inspectedOn: string;
  checks: Record<ChecklistItem, 'pass' | 'fail'>;
  hazardNotes?: Partial<Record<ChecklistItem, string>>;
  deadline?: string;
}

const allPass = Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, 'pass'])) as Values['checks'];

/** GRD-3 消防安全隐患排查 on the phone: every item pass or hazard; hazards get a rectification deadline. */
export function InspectionForm() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const checks = Form.useWatch('checks', form) ?? allPass;
  const failed = CHECKLIST_ITEMS.filter((k) => checks[k] === 'fail');
  const required = [{ required: true, message: t('field.required') }];
  return (
    <FieldFormFrame title={t('menu.fieldInspection')} savedText={t('field.saved')}>
      {({ households, submit, label }) => (
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="field-inspection-form"
          initialValues={{ householdId: null, inspectedOn: chinaToday(), checks: allPass }}
          onFinish={(v) => {
            submit({
              kind: 'inspection',
              householdId: v.householdId ?? '',
              inspectedOn: v.inspectedOn,
              checklist: CHECKLIST_ITEMS.map((item) => ({
                item,
                passed: v.checks[item] === 'pass',
                note: v.checks[item] === 'fail' ? v.hazardNotes?.[item]?.trim() || null : null,
              })),
              deadline: v.deadline || null,
            });
            form.resetFields();
          }}
        >
          <Form.Item name="householdId" label={t('field.household')} rules={required}>
            <HouseholdSelect households={households} placeholder={t('field.householdPick')} />
          </Form.Item>
          <Form.Item name="inspectedOn" label={t('field.inspectedOn')} rules={required}>
            <Input type="date" max={chinaToday()} />
          </Form.Item>
          <Typography.Text strong>{t('field.checklist')}</Typography.Text>
          {FIRE_CHECKLIST.map((c) => (
            <div key={c.key} style={{ padding: '8px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }}>
              <Flex justify="space-between" align="center" gap={8}>
                <span style={{ flex: 1 }}>{label(c.label)}</span>
                <Form.Item name={['checks', c.key]} noStyle>
                  <Radio.Group optionType="button" buttonStyle="solid" size="small" data-testid={`field-check-${c.key}`}>
                    <Radio.Button value="pass">{t('field.pass')}</Radio.Button>
                    <Radio.Button value="fail">{t('field.fail')}</Radio.Button>
                  </Radio.Group>
                </Form.Item>
              </Flex>
              {checks[c.key] === 'fail' && (
                <Form.Item name={['hazardNotes', c.key]} style={{ margin: '8px 0 0' }}>
                  <Input placeholder={t('field.hazardNote')} maxLength={300} />
                </Form.Item>
              )}
            </div>
          ))}
          {failed.length > 0 && (
            <>
              <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
                {t('field.hazardCount', { n: failed.length })}
              </Typography.Paragraph>
              <Form.Item name="deadline" label={t('field.deadline')} extra={t('field.deadlineHint')}>
                <Input type="date" min={form.getFieldValue('inspectedOn') as string | undefined} />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block size="large" style={{ marginTop: 12 }} data-testid="field-save">
            {t('field.save')}
          </Button>
        </Form>
      )}
    </FieldFormFrame>
  );
}
