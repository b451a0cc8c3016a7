import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useLocale } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { villagesApi, type IncomeOverview } from './api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { wan, yuan } from './labels.ts';

type Row = IncomeOverview['items'][number];
const thisYear = () => new Date().getFullYear();

/** VIL-3 村集体经济经营性收入 per village and year, and how many villages are above each of the county's thresholds. */
export function IncomeView() {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const [year, setYear] = useState(thisYear() - 1);
  const [editing, setEditing] = useState<Row | null>(null);
  const { data, error, loading, reload } = useLoader((signal) => villagesApi.income({ year }, signal), [year]);
  const years = Array.from({ length: 8 }, (_, i) => thisYear() - i);
  type Thresholds = { amounts: string };
  return (
    <>
      <PageHeader
        title={zh ? '村集体经济' : 'Collective income'}
        subtitle={
          data
            ? zh
              ? `${data.year} 年 · 已填报 ${data.reported}/${data.villages} 村`
              : `${data.year} · ${data.reported}/${data.villages} reported`
            : undefined
        }
        extra={
          <Space wrap>
            <Select
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: zh ? `${y} 年` : String(y) }))}
              style={{ width: 110 }}
              data-testid="income-year"
            />
            {data?.mayConfigure && data.regionCode && (
              <FormModal<Thresholds>
                title={zh ? '收入档次（元，逗号分隔）' : 'Thresholds (yuan, comma-separated)'}
                trigger={zh ? '设置档次' : 'Thresholds'}
                okText={zh ? '保存' : 'Save'}
                initialValues={{ amounts: data.thresholds.join(',') }}
                onSubmit={(v) =>
                  villagesApi.putThresholds(
                    data.regionCode ?? '',
                    v.amounts
                      .split(/[,，\s]+/)
                      .filter(Boolean)
                      .map(Number),
                  )
                }
                onDone={reload}
              >
                {() => (
                  <Form.Item name="amounts" label={zh ? '档次' : 'Amounts'} rules={[{ required: true }]}>
                    <Input placeholder="300000,500000" />
                  </Form.Item>
                )}
              </FormModal>
            )}
          </Space>
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(data?.counts ?? []).map((c) => (
          <Col key={c.threshold} xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={zh ? `超过 ${c.threshold / 10_000} 万元` : `Above ¥${c.threshold.toLocaleString()}`}
                value={c.villages}
                suffix={zh ? '个村' : 'villages'}
                data-testid={`income-above-${c.threshold}`}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={zh ? '合计经营性收入' : 'Total'} value={wan(data?.total ?? 0, zh)} />
          </Card>
        </Col>
      </Row>
      <Table<Row>
        rowKey="regionCode"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="income-table"
        columns={[
          { title: zh ? '村' : 'Village', dataIndex: 'name' },
          { title: zh ? '乡镇' : 'Township', dataIndex: 'townshipName', responsive: ['sm'] },
          { title: zh ? '经营性收入' : 'Operating income', dataIndex: 'operatingIncome', align: 'right', render: yuan },
          { title: zh ? '总收入' : 'Total income', dataIndex: 'totalIncome', align: 'right', responsive: ['md'], render: yuan },
          {
            title: zh ? '档次' : 'Above',
            dataIndex: 'above',
            render: (above: number[]) =>
              above.map((a) => (
                <Tag key={a} color={a === Math.max(...above) ? 'red' : 'orange'}>
                  {zh ? `超${a / 10_000}万` : `>${a / 1000}k`}
                </Tag>
              )),
          },
          {
            title: '',
            key: 'edit',
            render: (_, row) => (
              <Button size="small" type="link" onClick={() => setEditing(row)}>
                {zh ? '填报' : 'Enter'}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <IncomeEdit
          row={editing}
          year={year}
          zh={zh}
          onClose={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </>
  );
}

function IncomeEdit({ row, year, zh, onClose }: { row: Row; year: number; zh: boolean; onClose: () => void }) {
  type Values = { operatingIncome: number; totalIncome?: number; note?: string };
  // Opened at once: the modal's own button is not needed when a row's link opened it.
  return (
    <div style={{ marginTop: 12 }}>
      <Card size="small" title={`${row.name} · ${year}`} extra={<Button onClick={onClose}>{zh ? '关闭' : 'Close'}</Button>}>
        <FormModal<Values>
          title={`${row.name} ${year} ${zh ? '年集体经济收入' : 'income'}`}
          trigger={zh ? '填报收入' : 'Enter income'}
          okText={zh ? '保存' : 'Save'}
          initialValues={{
            operatingIncome: row.operatingIncome ?? undefined,
            totalIncome: row.totalIncome ?? undefined,
            note: row.note ?? undefined,
          }}
          onSubmit={(v) =>
            villagesApi.putIncome(row.regionCode, year, {
              operatingIncome: v.operatingIncome,
              totalIncome: v.totalIncome ?? null,
              note: v.note ?? null,
            })
          }
          onDone={onClose}
        >
          {() => (
            <>
              <Form.Item name="operatingIncome" label={zh ? '经营性收入（元）' : 'Operating income (yuan)'} rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="totalIncome" label={zh ? '总收入（元）' : 'Total income (yuan)'}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label={zh ? '说明' : 'Note'}>
                <Input />
              </Form.Item>
            </>
          )}
        </FormModal>
      </Card>
    </div>
  );
}
