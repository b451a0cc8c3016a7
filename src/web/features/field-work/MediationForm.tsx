import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Radio, Select } from 'antd';
import { useT } from '../../app/i18n.ts';
import { DISPUTE_TYPE_LABELS, MEDIATION_OUTCOME_LABELS } from '../../../domain/villages/field-work.ts';
import { FieldFormFrame } from './FieldForm.tsx';
import { HouseholdSelect } from './HouseholdSelect.tsx';
import { chinaToday } from './households.ts';

type DisputeType = keyof typeof DISPUTE_TYPE_LABELS;
type Outcome = keyof typeof MEDIATION_OUTCOME_LABELS;

interface Values {
  householdId: string | null;
  disputeType: DisputeType;
  parties: { name: string; role?: string }[];
  summary: string;
  mediatedOn: string;
  outcome: Outcome;
  agreement?: string;
  followUpOn?: string;
}

/** GRD-3 矛盾纠纷调解 on the phone: parties, type, what happened, outcome and a follow-up date. */
export function MediationForm() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, message: t('field.required') }];
  return (
    <FieldFormFrame title={t('menu.fieldMediation')} savedText={t('field.saved')}>
      {({ households, submit, label }) => (
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="field-mediation-form"
          initialValues={{
            householdId: null,
            disputeType: 'neighbour',
            parties: [{ name: '' }, { name: '' }],
            mediatedOn: chinaToday(),
            outcome: 'resolved',
          }}
          onFinish={(v) => {
            submit({
              kind: 'mediation',
              householdId: v.householdId,
              disputeType: v.disputeType,
              parties: v.parties.map((p) => ({ name: p.name.trim(), role: p.role?.trim() || null })),
              summary: v.summary.trim(),
              mediatedOn: v.mediatedOn,
              outcome: v.outcome,
              agreement: v.agreement?.trim() || null,
              followUpOn: v.followUpOn || null,
            });
            form.resetFields();
          }}
        >
          <Form.Item name="householdId" label={t('field.household')}>
            <HouseholdSelect households={households} placeholder={t('field.householdPick')} allowClear />
          </Form.Item>
          <Form.Item name="disputeType" label={t('field.disputeType')} rules={required}>
            <Select options={Object.entries(DISPUTE_TYPE_LABELS).map(([value, l]) => ({ value, label: label(l) }))} />
          </Form.Item>
          <Form.List
            name="parties"
            rules={[
              {
                validator: async (_, parties: unknown[] | undefined) => {
                  if (!parties || parties.length < 2) throw new Error(t('field.partiesMin'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('field.parties')} required>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Form.Item name={[f.name, 'name']} rules={required} style={{ flex: 2, marginBottom: 8 }}>
                      <Input placeholder={t('field.partyName')} maxLength={30} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} style={{ flex: 1, marginBottom: 8 }}>
                      <Input placeholder={t('field.partyRole')} maxLength={30} />
                    </Form.Item>
                    {fields.length > 2 && <MinusCircleOutlined style={{ marginTop: 9 }} onClick={() => remove(f.name)} />}
                  </Flex>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                  {t('field.addParty')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="summary" label={t('field.summary')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="mediatedOn" label={t('field.mediatedOn')} rules={required}>
            <Input type="date" max={chinaToday()} />
          </Form.Item>
          <Form.Item name="outcome" label={t('field.outcome')} rules={required}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={Object.entries(MEDIATION_OUTCOME_LABELS).map(([value, l]) => ({ value, label: label(l) }))}
            />
          </Form.Item>
          <Form.Item name="agreement" label={t('field.agreement')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="followUpOn" label={t('field.followUpOn')}>
            <Input type="date" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" data-testid="field-save">
            {t('field.save')}
          </Button>
        </Form>
      )}
    </FieldFormFrame>
  );
}
