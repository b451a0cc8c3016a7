import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { policiesApi } from '../../api/policies.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useLoader } from '../../ui/useLoader.ts';
import { money, ModeTag, StatusTag, useZh } from './bits.tsx';

const OFFICERS = ['admin', 'city', 'district', 'street', 'dept'];

/** POL-1 the catalogue: Chinese search (any substring), level, mode and status filters; officers add policies. */
export function PolicyCatalogue() {
  const zh = useZh();
  const user = useUser();
  const navigate = useNavigate();
  const officer = OFFICERS.includes(user.role);
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<string>();
  const [mode, setMode] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const search = useDebounced(q, 300);
  const { data, error, loading, reload } = useLoader(
    (signal) => policiesApi.list({ q: search, level, mode, status, offset: (page - 1) * 20, limit: 20 }, signal),
    [search, level, mode, status, page],
  );
  return (
    <>
      <PageHeader
        title={zh ? '惠企政策' : 'Policies'}
        subtitle={zh ? '党企新时空 · 政企直通车' : 'Pro-business policies, brought to enterprises'}
        extra={
          officer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/policies/new')} data-testid="policy-new">
              {zh ? '新建政策' : 'New policy'}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={zh ? '搜索标题、发文单位、内容' : 'Search title, issuer, text'}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            style={{ maxWidth: 320 }}
            data-testid="policy-search"
          />
          <Select
            allowClear
            placeholder={zh ? '层级' : 'Level'}
            value={level}
            onChange={setLevel}
            style={{ width: 120 }}
            options={[
              ['national', '国家', 'National'],
              ['province', '省级', 'Province'],
              ['city', '市级', 'City'],
              ['county', '区县', 'County'],
              ['township', '街道', 'Street'],
            ].map(([v, a, b]) => ({ value: v!, label: zh ? a : b }))}
          />
          <Select
            allowClear
            placeholder={zh ? '兑现方式' : 'Mode'}
            value={mode}
            onChange={setMode}
            style={{ width: 130 }}
            options={[
              ['automatic', '免申即享', 'Automatic'],
              ['fast_track', '快申快享', 'Fast track'],
              ['application', '申报', 'Application'],
            ].map(([v, a, b]) => ({ value: v!, label: zh ? a : b }))}
          />
          {officer && (
            <Select
              allowClear
              placeholder={zh ? '状态' : 'Status'}
              value={status}
              onChange={setStatus}
              style={{ width: 110 }}
              options={[
                ['draft', '草稿', 'Draft'],
                ['published', '已发布', 'Published'],
                ['withdrawn', '已撤回', 'Withdrawn'],
              ].map(([v, a, b]) => ({ value: v!, label: zh ? a : b }))}
            />
          )}
        </Flex>
      </Card>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={zh ? '没有符合的政策' : 'No policies'} /> }}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
          renderItem={(p) => (
            <List.Item data-testid="policy-row">
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Link to={`/policies/${p.id}`}>{p.title}</Link>
                    <ModeTag mode={p.mode} />
                    {p.status !== 'published' && <StatusTag status={p.status} />}
                  </Space>
                }
                description={
                  <Flex vertical gap={2}>
                    <Typography.Text type="secondary">
                      {p.issuer}
                      {p.deadline ? ` · ${zh ? '截止' : 'Deadline'} ${p.deadline}` : ''}
                    </Typography.Text>
                    <Typography.Text>{p.benefit || money(p.benefitAmount, zh)}</Typography.Text>
                  </Flex>
                }
              />
              {p.eligible !== null && (
                <Typography.Text type="secondary">{zh ? `符合 ${p.eligible} 家` : `${p.eligible} eligible`}</Typography.Text>
              )}
            </List.Item>
          )}
        />
      )}
    </>
  );
}
