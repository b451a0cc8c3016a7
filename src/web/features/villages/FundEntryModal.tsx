import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { villagesApi, type FundEntryInput, type FundLedger, type VillageDetail } from './api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { ENTRY_KIND, PURPOSE, SOURCE, pick, yuan } from './labels.ts';

type Kind = FundEntryInput['kind'];
interface EntryValues {
  kind: Kind;
  amount: number;
  entryOn: Dayjs;
  sourceKind?: keyof typeof SOURCE;
  projectId?: string;
  counterparty?: string;
  voucherNo?: string;
  attachmentName?: string;
  note?: string;
  overdraftNote?: string;
}

/** A ledger line: money received from a source, allocated to a project, or spent on it against a voucher. Entries are never edited. */
export function FundEntryModal({
  code,
  projects,
  zh,
  onDone,
}: {
  code: string;
  projects: FundLedger['projects'];
  zh: boolean;
  onDone: () => void;
}) {
  return (
    <FormModal<EntryValues>
      title={zh ? '记一笔' : 'Record an entry'}
      trigger={zh ? '记一笔' : 'Record entry'}
      triggerTestId="funds-add-entry"
      formTestId="funds-entry-form"
      okText={zh ? '记账' : 'Record'}
      initialValues={{ kind: 'spending', entryOn: dayjs() }}
      onSubmit={(v) =>
        villagesApi.addEntry(code, {
          kind: v.kind,
          amount: v.amount,
          entryOn: v.entryOn.format('YYYY-MM-DD'),
          sourceKind: v.kind === 'source' ? (v.sourceKind ?? null) : null,
          projectId: v.kind === 'source' ? null : (v.projectId ?? null),
          ...(v.counterparty ? { counterparty: v.counterparty } : {}),
          voucherNo: v.voucherNo || null,
          attachmentName: v.attachmentName || null,
          note: v.note || null,
          overdraftNote: v.overdraftNote || null,
        })
      }
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="kind" label={zh ? '类型' : 'Kind'}>
            <Select
              data-testid="funds-entry-kind"
              options={(Object.keys(ENTRY_KIND) as Kind[]).map((k) => ({ value: k, label: pick(ENTRY_KIND[k], zh) }))}
            />
          </Form.Item>
          <Form.Item
            name="amount"
            label={zh ? '金额（元）' : 'Amount (yuan)'}
            rules={[{ required: true, message: zh ? '请填写金额' : 'Required' }]}
          >
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="funds-entry-amount" />
          </Form.Item>
          <Form.Item name="entryOn" label={zh ? '日期' : 'Date'} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: EntryValues, b: EntryValues) => a.kind !== b.kind}>
            {({ getFieldValue }) => {
              const kind = getFieldValue('kind') as Kind;
              if (kind === 'source') {
                return (
                  <>
                    <Form.Item name="sourceKind" label={zh ? '资金来源' : 'Source'} rules={[{ required: true }]}>
                      <Select
                        options={(Object.keys(SOURCE) as (keyof typeof SOURCE)[]).map((k) => ({ value: k, label: pick(SOURCE[k], zh) }))}
                      />
                    </Form.Item>
                    <Form.Item name="counterparty" label={zh ? '拨付单位' : 'From'}>
                      <Input />
                    </Form.Item>
                  </>
                );
              }
              return (
                <>
                  <Form.Item
                    name="projectId"
                    label={zh ? '项目' : 'Project'}
                    rules={[{ required: true, message: zh ? '请选择项目' : 'Required' }]}
                  >
                    <Select
                      data-testid="funds-entry-project"
                      options={projects.map((p) => ({
                        value: p.id,
                        label: `${p.name}（${pick(PURPOSE[p.purpose], zh)}，${zh ? '余额' : 'balance'} ${yuan(p.balance)}）`,
                      }))}
                    />
                  </Form.Item>
                  {kind === 'spending' && (
                    <>
                      <Form.Item
                        name="counterparty"
                        label={zh ? '收款单位' : 'Payee'}
                        rules={[{ required: true, message: zh ? '请填写收款单位' : 'Required' }]}
                      >
                        <Input data-testid="funds-entry-payee" />
                      </Form.Item>
                      <Form.Item name="voucherNo" label={zh ? '凭证号' : 'Voucher no.'}>
                        <Input data-testid="funds-entry-voucher" />
                      </Form.Item>
                      <Form.Item name="attachmentName" label={zh ? '附件（发票/合同名称）' : 'Attachment'}>
                        <Input />
                      </Form.Item>
                    </>
                  )}
                  <Form.Item name="overdraftNote" label={zh ? '超额说明（余额不足时必填）' : 'Overdraft note (when over balance)'}>
                    <Input />
                  </Form.Item>
                </>
              );
            }}
          </Form.Item>
          <Form.Item name="note" label={zh ? '摘要' : 'Note'}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** A fund project (规划编制, 基础设施, 传统建筑保护), optionally tied to one of the village's buildings. */
export function FundProjectModal({ village, zh, onDone }: { village: VillageDetail; zh: boolean; onDone: () => void }) {
  type Values = { name: string; purpose: keyof typeof PURPOSE; buildingId?: string };
  return (
    <FormModal<Values>
      title={zh ? '新建资金项目' : 'New project'}
      trigger={zh ? '新建项目' : 'New project'}
      okText={zh ? '保存' : 'Save'}
      initialValues={{ purpose: 'building_protection' }}
      onSubmit={(v) => villagesApi.addProject(village.regionCode, { name: v.name, purpose: v.purpose, buildingId: v.buildingId ?? null })}
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="name" label={zh ? '项目名称' : 'Name'} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="purpose" label={zh ? '用途' : 'Purpose'}>
            <Select options={(Object.keys(PURPOSE) as (keyof typeof PURPOSE)[]).map((k) => ({ value: k, label: pick(PURPOSE[k], zh) }))} />
          </Form.Item>
          <Form.Item name="buildingId" label={zh ? '对应传统建筑' : 'Building'}>
            <Select allowClear options={village.traditionalBuildings.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
