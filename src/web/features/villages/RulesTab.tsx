import { Button, Card, Col, DatePicker, Form, Input, List, Row, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useLoader } from '../../ui/useLoader.ts';
import { villagesApi, type VillageDetail } from './api.ts';
import { FormModal } from '../../ui/FormModal.tsx';

/** 村规民约 as versioned documents: the one in force, every earlier version readable, a new version numbered after the last. */
export function RulesTab({ village, zh, reload }: { village: VillageDetail; zh: boolean; reload: () => void }) {
  const versions = useLoader((signal) => villagesApi.rules(village.regionCode, signal), [village.regionCode, village.rules?.version]);
  const [shown, setShown] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = versions.data?.items ?? [];
  const current = items.find((v) => v.version === shown) ?? items.find((v) => v.isCurrent) ?? null;
  type Values = { title: string; body: string; adoptedOn: Dayjs; adoptedBy?: string };
  const refresh = () => {
    reload();
    versions.reload();
  };
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={16}>
        <Card
          size="small"
          data-testid="village-rules"
          title={current ? `${current.title}（v${current.version}）` : zh ? '村规民约' : 'Village rules'}
          extra={
            current && (current.isCurrent ? <Tag color="green">{zh ? '现行' : 'In force'}</Tag> : <Tag>{zh ? '历史版本' : 'Earlier'}</Tag>)
          }
        >
          {current ? (
            <>
              <Typography.Text type="secondary">
                {zh ? `${current.adoptedOn} ${current.adoptedBy} 通过` : `Adopted ${current.adoptedOn} by ${current.adoptedBy}`}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{current.body}</Typography.Paragraph>
            </>
          ) : (
            <Typography.Text type="secondary">{zh ? '尚未登记' : 'None recorded'}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card
          size="small"
          title={zh ? '版本' : 'Versions'}
          extra={
            village.may.write && (
              <FormModal<Values>
                title={zh ? '登记新版本' : 'New version'}
                trigger={zh ? '新版本' : 'New version'}
                okText={zh ? '保存' : 'Save'}
                initialValues={{ title: current?.title ?? '', body: current?.body ?? '' }}
                onSubmit={(v) =>
                  villagesApi.addRules(village.regionCode, {
                    title: v.title,
                    body: v.body,
                    adoptedOn: v.adoptedOn.format('YYYY-MM-DD'),
                    ...(v.adoptedBy ? { adoptedBy: v.adoptedBy } : {}),
                  })
                }
                onDone={refresh}
              >
                {() => (
                  <>
                    <Form.Item name="title" label={zh ? '标题' : 'Title'} rules={[{ required: true }]}>
                      <Input />
                    </Form.Item>
                    <Form.Item name="body" label={zh ? '正文' : 'Text'} rules={[{ required: true }]}>
                      <Input.TextArea rows={8} />
                    </Form.Item>
                    <Form.Item name="adoptedOn" label={zh ? '通过日期' : 'Adopted on'} rules={[{ required: true }]}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name="adoptedBy" label={zh ? '通过机构' : 'Adopted by'}>
                      <Input placeholder={zh ? '村民代表会议' : "Villagers' representatives"} />
                    </Form.Item>
                  </>
                )}
              </FormModal>
            )
          }
        >
          <ErrorAlert error={error ?? versions.error} />
          <List
            size="small"
            loading={versions.loading}
            dataSource={items}
            renderItem={(v) => (
              <List.Item
                data-testid={`rules-version-${v.version}`}
                actions={[
                  <Button key="show" size="small" type="link" onClick={() => setShown(v.version)}>
                    {zh ? '查看' : 'Read'}
                  </Button>,
                  ...(village.may.write && !v.isCurrent
                    ? [
                        <Button
                          key="current"
                          size="small"
                          type="link"
                          onClick={() => void villagesApi.makeCurrent(village.regionCode, v.version).then(refresh, setError)}
                        >
                          {zh ? '设为现行' : 'Make current'}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <span>
                  v{v.version} · {v.adoptedOn} {v.isCurrent && <Tag color="green">{zh ? '现行' : 'In force'}</Tag>}
                </span>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
