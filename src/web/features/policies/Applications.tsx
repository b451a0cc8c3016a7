import { App, Button, InputNumber, Popconfirm, Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { policiesApi, type Application, type ApplicationStatus } from '../../api/policies.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { ApplicationTag, money, useZh } from './bits.tsx';

/** POL-3 applications 待申报 → 已申报 → 已兑现 (and 免申即享 grants): the enterprise applies, officers grant with the amount. */
export function Applications() {
  const zh = useZh();
  const user = useUser();
  const { message } = App.useApp();
  const officer = user.role !== 'enterprise';
  const [status, setStatus] = useState<ApplicationStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<unknown>(null);
  const {
    data,
    loading,
    reload,
    error: loadError,
  } = useLoader(
    (signal) => policiesApi.applications({ status: status === 'all' ? undefined : status, offset: (page - 1) * 20, limit: 20 }, signal),
    [status, page],
  );
  const move = async (a: Application, to: ApplicationStatus) => {
    setError(null);
    try {
      await policiesApi.moveApplication(a.id, {
        to,
        amount: to === 'granted' ? (amounts[a.id] ?? a.requestedAmount) : to === 'submitted' ? a.requestedAmount : null,
      });
      message.success(zh ? '已更新' : 'Updated');
      reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <PageHeader title={zh ? '政策申报与兑现' : 'Applications and grants'} />
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v as ApplicationStatus | 'all');
          setPage(1);
        }}
        options={[
          { value: 'all', label: zh ? '全部' : 'All' },
          { value: 'pending', label: zh ? '待申报' : 'To apply' },
          { value: 'submitted', label: zh ? '已申报' : 'Applied' },
          { value: 'granted', label: zh ? '已兑现' : 'Granted' },
        ]}
      />
      {(error ?? loadError) !== null && <ErrorAlert error={error ?? loadError} />}
      <Table<Application>
        rowKey="id"
        size="small"
        loading={loading}
        scroll={{ x: 720 }}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: zh ? '政策' : 'Policy', render: (_, a) => <Link to={`/policies/${a.policyId}`}>{a.policyTitle}</Link> },
          ...(officer
            ? [
                {
                  title: zh ? '企业' : 'Enterprise',
                  render: (_: unknown, a: Application) => <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link>,
                },
              ]
            : []),
          { title: zh ? '状态' : 'Status', render: (_, a) => <ApplicationTag status={a.status} /> },
          { title: zh ? '申报日期' : 'Applied', dataIndex: 'submittedOn', render: (v: string | null) => v ?? '—' },
          { title: zh ? '兑现' : 'Granted', render: (_, a) => (a.grantedOn ? `${money(a.grantedAmount, zh)} · ${a.grantedOn}` : '—') },
          {
            title: zh ? '操作' : 'Actions',
            render: (_, a) => (
              <Space wrap>
                {a.status === 'pending' && (
                  <Button size="small" type="primary" onClick={() => void move(a, 'submitted')}>
                    {zh ? '提交申报' : 'Submit'}
                  </Button>
                )}
                {officer && a.status === 'submitted' && (
                  <>
                    <InputNumber
                      size="small"
                      min={0}
                      placeholder={zh ? '兑现金额' : 'Amount'}
                      value={amounts[a.id] ?? a.requestedAmount}
                      onChange={(v) => setAmounts({ ...amounts, [a.id]: v })}
                    />
                    <Button size="small" type="primary" onClick={() => void move(a, 'granted')}>
                      {zh ? '兑现' : 'Grant'}
                    </Button>
                    <Popconfirm title={zh ? '确认不予通过？' : 'Refuse?'} onConfirm={() => void move(a, 'rejected')}>
                      <Button size="small" danger>
                        {zh ? '不通过' : 'Refuse'}
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
