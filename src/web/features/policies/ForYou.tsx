import { App, Button, Card, Collapse, Empty, Flex, Form, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { QUALIFICATION_LABELS } from '../../../domain/policies/messages.ts';
import { QUALIFICATIONS } from '../../../domain/policies/profile.ts';
import { http } from '../../api/client.ts';
import { policiesApi } from '../../api/policies.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { ApplicationTag, ExplanationView, ModeTag, money, useZh } from './bits.tsx';
import { applicationsClosed } from '../../../domain/policies/deadline.ts';
import { chinaDate } from '../../../domain/time.ts';

interface ProfileAnswer {
  revenue: number | null;
  rdSpending: number | null;
  qualifications: string[] | null;
  gained: string[];
  lost: string[];
}

/** POL-2 the facts policies read that the enterprise reports itself; saving re-matches at once. */
function ProfileForm({ enterpriseId, onSaved }: { enterpriseId: string; onSaved: () => void }) {
  const zh = useZh();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ revenue: number | null; rdSpending: number | null; qualifications: string[] }>();
  const [error, setError] = useState<unknown>(null);
  const { data } = useLoader(
    (signal) => http.get<ProfileAnswer>(`/api/enterprises/${enterpriseId}/policy-profile`, { signal }),
    [enterpriseId],
  );
  if (!data) return null;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ revenue: data.revenue, rdSpending: data.rdSpending, qualifications: data.qualifications ?? [] }}
      onFinish={async (v) => {
        setError(null);
        try {
          const r = await http.put<ProfileAnswer>(`/api/enterprises/${enterpriseId}/policy-profile`, v);
          message.success(
            zh
              ? `已更新：新增符合 ${r.gained.length} 项，不再符合 ${r.lost.length} 项`
              : `Saved: ${r.gained.length} gained, ${r.lost.length} lost`,
          );
          onSaved();
        } catch (err) {
          setError(err);
        }
      }}
    >
      {error !== null && <ErrorAlert error={error} />}
      <Flex gap={8} wrap>
        <Form.Item name="revenue" label={zh ? '上年营业收入（元）' : 'Revenue last year (yuan)'}>
          <InputNumber min={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="rdSpending" label={zh ? '上年研发费用（元）' : 'R&D spending (yuan)'}>
          <InputNumber min={0} style={{ width: 200 }} />
        </Form.Item>
      </Flex>
      <Form.Item name="qualifications" label={zh ? '资质' : 'Qualifications'}>
        <Select mode="multiple" options={QUALIFICATIONS.map((q) => ({ value: q, label: QUALIFICATION_LABELS[q][zh ? 'zh-CN' : 'en'] }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {zh ? '保存并重新匹配' : 'Save and re-match'}
      </Button>
    </Form>
  );
}

/** POL-2 为您推荐的政策: met first, then one condition away, each with its reasons and what is missing. */
export function ForYou({ enterpriseId: given }: { enterpriseId?: string }) {
  const zh = useZh();
  const today = chinaDate();
  const user = useUser();
  const enterpriseId = given ?? user.organisationId ?? '';
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoader(
    (signal) => policiesApi.forYou(enterpriseId, (page - 1) * 10, signal),
    [enterpriseId, page],
  );
  return (
    <>
      <PageHeader
        title={zh ? '为您推荐的政策' : 'Policies for you'}
        subtitle={
          data
            ? zh
              ? `符合 ${data.counts.met} 项 · 差一项 ${data.counts.nearly} 项`
              : `${data.counts.met} met · ${data.counts.nearly} one away`
            : undefined
        }
      />
      {data && data.missingFields.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Typography.Text type="warning">
            {zh ? '补充以下信息可匹配更多政策：' : 'Report these to match more policies: '}
            {data.missingFields.map((f) => f.label).join('、')}
          </Typography.Text>
        </Card>
      )}
      <Collapse
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'p',
            label: zh ? '企业政策画像（营收、研发、资质）' : 'Profile (revenue, R&D, qualifications)',
            children: <ProfileForm enterpriseId={enterpriseId} onSaved={reload} />,
          },
        ]}
      />
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={zh ? '暂无匹配的政策' : 'No policies match yet'} /> }}
          pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, size: 'small', showSizeChanger: false }}
          renderItem={(item) => (
            <Card size="small" style={{ marginBottom: 12 }} data-testid="for-you-item">
              <Flex vertical gap={6}>
                <Space wrap size={4}>
                  <Link to={`/policies/${item.policy.id}`} style={{ fontWeight: 600 }}>
                    {item.policy.title}
                  </Link>
                  <ModeTag mode={item.policy.mode} />
                  {item.gap === 0 ? (
                    <Tag color="success">{zh ? '符合' : 'Met'}</Tag>
                  ) : (
                    <Tag color="warning">{zh ? '差一项' : 'One away'}</Tag>
                  )}
                  {item.application && <ApplicationTag status={item.application.status} />}
                  {applicationsClosed(item.policy.deadline, today) && (
                    <Tag data-testid="deadline-passed">{zh ? '申报已截止' : 'Applications closed'}</Tag>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  {item.policy.issuer} · {item.policy.benefit || money(item.policy.benefitAmount, zh)}
                  {item.policy.deadline ? ` · ${zh ? '申报截止' : 'Deadline'} ${item.policy.deadline}` : ''}
                </Typography.Text>
                <ExplanationView explanation={item.explanation} onlyOpen={item.gap > 0} />
              </Flex>
            </Card>
          )}
        />
      )}
    </>
  );
}
