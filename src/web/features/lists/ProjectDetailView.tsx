import { Card, Col, Descriptions, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { projectApi } from '../../api/lists.ts';
import { useLocale } from '../../app/i18n.ts';
import { PARTY_RED } from '../../app/theme.ts';
import { EChart } from '../../ui/EChart.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { PROJECT_STATUS_COLOR, useListLabels } from './labels.ts';
import { ProjectClose } from './ProjectClose.tsx';
import { ProjectEvidence } from './ProjectEvidence.tsx';
import { ProjectMilestones } from './ProjectMilestones.tsx';

function gauge(progress: number, title: string): EChartsCoreOption {
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        progress: { show: true, width: 14, itemStyle: { color: PARTY_RED } },
        axisLine: { lineStyle: { width: 14 } },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        title: { offsetCenter: [0, '30%'], fontSize: 13 },
        detail: { valueAnimation: false, formatter: '{value}%', offsetCenter: [0, '-5%'], fontSize: 26 },
        data: [{ value: Math.round(progress), name: title }],
      },
    ],
  };
}

/** LST-4 one project: progress, milestones, members, evidence and closing; links back to its needs and resources. */
export function ProjectDetailView({ id }: { id: string }) {
  const { t, locale } = useLocale();
  const labels = useListLabels();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoader((signal) => projectApi.get(id, signal), [id, locale]);
  const option = useMemo(() => gauge(data?.progress ?? 0, t('project.progressChart')), [data?.progress, t]);

  return (
    <>
      <PageHeader
        title={data ? data.name : t('menu.projects')}
        subtitle={data?.code}
        onBack={() => navigate('/projects')}
        backLabel={t('common.back')}
        extra={data && data.mayEdit && data.status === 'in_progress' && <ProjectClose projectId={data.id} onClosed={reload} />}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data && <Skeleton active />}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card size="small">
              <EChart
                option={option}
                height={200}
                data-testid="project-progress"
                data-points={Math.round(data.progress)}
                aria-label={`${t('lists.progress')} ${Math.round(data.progress)}%`}
              />
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('lists.status')}>
                  <Tag color={PROJECT_STATUS_COLOR[data.status]} data-testid="project-status">
                    {labels.projectStatus(data.status)}
                  </Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('lists.owner')}>{data.owner.name}</Descriptions.Item>
                {data.parent && (
                  <Descriptions.Item label={t('menu.projects')}>
                    <Link to={`/projects/${data.parent.id}`}>{data.parent.name}</Link>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('lists.dueOn')}>{data.dueOn ?? '—'}</Descriptions.Item>
              </Descriptions>
              {data.description && <Typography.Paragraph>{data.description}</Typography.Paragraph>}
              {data.closingReport && (
                <Typography.Paragraph data-testid="project-report-text">
                  <Typography.Text strong>{t('project.report')}：</Typography.Text>
                  {data.closingReport}
                </Typography.Paragraph>
              )}
            </Card>
            <Card size="small" title={t('project.members')} style={{ marginTop: 16 }}>
              <List
                size="small"
                dataSource={data.members}
                locale={{ emptyText: t('common.empty') }}
                renderItem={(m) => (
                  <List.Item>
                    <Flex gap={8}>
                      <Tag color={m.role === 'lead' ? 'red' : 'default'}>{t(m.role === 'lead' ? 'project.lead' : 'project.member')}</Tag>
                      {m.name}
                      {m.organisation && <Typography.Text type="secondary">{m.organisation.name}</Typography.Text>}
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Flex vertical gap={16}>
              <ProjectMilestones
                projectId={data.id}
                milestones={data.milestones}
                mayEdit={data.mayEdit && data.status === 'in_progress'}
                onChanged={reload}
              />
              {data.children.length > 0 && (
                <Card size="small" title={t('project.children')}>
                  <List
                    size="small"
                    dataSource={data.children}
                    renderItem={(c) => (
                      <List.Item extra={`${Math.round(c.progress)}%`}>
                        <Link to={`/projects/${c.id}`}>
                          {c.code} · {c.name}
                        </Link>
                      </List.Item>
                    )}
                  />
                </Card>
              )}
              <Row gutter={[16, 16]}>
                <Col xs={24} md={12}>
                  <Card size="small" title={t('project.needs')} data-testid="project-needs">
                    <List
                      size="small"
                      dataSource={data.needs}
                      locale={{ emptyText: t('common.empty') }}
                      renderItem={(n) => (
                        <List.Item>
                          <Link to={`/needs/${n.id}`}>
                            {n.code} · {n.title}
                          </Link>
                        </List.Item>
                      )}
                    />
                  </Card>
                </Col>
                <Col xs={24} md={12}>
                  <Card size="small" title={t('project.resources')}>
                    <List
                      size="small"
                      dataSource={data.resources}
                      locale={{ emptyText: t('common.empty') }}
                      renderItem={(r) => (
                        <List.Item extra={r.provider}>
                          <Link to={`/resources?q=${encodeURIComponent(r.code)}`}>
                            {r.code} · {r.title}
                          </Link>
                        </List.Item>
                      )}
                    />
                  </Card>
                </Col>
              </Row>
              <ProjectEvidence project={data} onChanged={reload} />
            </Flex>
          </Col>
        </Row>
      )}
    </>
  );
}
