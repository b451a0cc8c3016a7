import { App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { policiesApi, type ApplicationMode, type Policy, type PolicyInput, type Preview, type RuleNode } from '../../api/policies.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { ExplanationView, useZh } from './bits.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { emptyRule } from './ruleFields.ts';

interface FormValues {
  title: string;
  issuer: string;
  regionCode: string;
  mode: ApplicationMode;
  benefit?: string;
  benefitAmount?: number | null;
  beneficiaries?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  deadline?: Dayjs | null;
  contact?: string;
  fullText?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * POL-1/POL-2 writing a policy: its catalogue facts, the rule built in the
 * editor, and beside it who qualifies now (a debounced preview of the rule as
 * it stands, nothing saved). Save keeps a draft; publish pushes.
 */
export function PolicyEditor({ policy }: { policy?: Policy }) {
  const zh = useZh();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [rule, setRule] = useState<RuleNode>(policy?.rule ?? emptyRule());
  const [regionCode, setRegionCode] = useState<string>(policy?.regionCode ?? user.regionCode ?? '');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const settled = useDebounced(JSON.stringify({ rule, regionCode }), 400);

  useEffect(() => {
    const controller = new AbortController();
    const { rule: r, regionCode: code } = JSON.parse(settled) as { rule: RuleNode; regionCode: string };
    policiesApi
      .preview(r, code || null, controller.signal)
      .then((p) => {
        setPreview(p);
        setPreviewError(null);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setPreviewError(err);
      });
    return () => controller.abort();
  }, [settled]);

  async function save(publish: boolean) {
    const values = await form.validateFields();
    const input: PolicyInput = {
      title: values.title,
      issuer: values.issuer,
      regionCode: values.regionCode || null,
      mode: values.mode,
      benefit: values.benefit ?? '',
      benefitAmount: values.benefitAmount ?? null,
      beneficiaries: values.beneficiaries ?? '',
      validFrom: day(values.validFrom),
      validTo: day(values.validTo),
      deadline: day(values.deadline),
      contact: values.contact ?? null,
      fullText: values.fullText ?? '',
      rule,
    };
    setSaving(true);
    setError(null);
    try {
      let saved = policy
        ? await policiesApi.update(policy.id, { ...input, expectedVersion: policy.version })
        : await policiesApi.create(input);
      if (publish) saved = await policiesApi.publish(saved.id, saved.version);
      message.success(
        publish ? (zh ? '已发布，符合条件的企业已收到推送' : 'Published; eligible enterprises notified') : zh ? '已保存' : 'Saved',
      );
      void navigate(`/policies/${saved.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const init: Partial<FormValues> = policy
    ? {
        title: policy.title,
        issuer: policy.issuer,
        regionCode: policy.regionCode ?? '',
        mode: policy.mode,
        benefit: policy.benefit,
        benefitAmount: policy.benefitAmount,
        beneficiaries: policy.beneficiaries,
        validFrom: policy.validFrom ? dayjs(policy.validFrom) : null,
        validTo: policy.validTo ? dayjs(policy.validTo) : null,
        deadline: policy.deadline ? dayjs(policy.deadline) : null,
        contact: policy.contact ?? '',
        fullText: policy.fullText,
      }
    : { regionCode: user.regionCode ?? '', mode: 'application' };

  return (
    <>
      <PageHeader
        title={policy ? (zh ? `修改政策：${policy.title}` : `Edit: ${policy.title}`) : zh ? '新建政策' : 'New policy'}
        onBack={() => navigate(policy ? `/policies/${policy.id}` : '/policies')}
        extra={
          <Space wrap>
            <Button onClick={() => void save(false)} loading={saving} data-testid="policy-save">
              {zh ? '保存草稿' : 'Save draft'}
            </Button>
            {policy?.status !== 'published' && (
              <Button type="primary" onClick={() => void save(true)} loading={saving} data-testid="policy-publish">
                {zh ? '保存并发布' : 'Save and publish'}
              </Button>
            )}
            {policy?.status === 'published' && (
              <Button type="primary" onClick={() => void save(false)} loading={saving}>
                {zh ? '保存（重新匹配）' : 'Save (re-match)'}
              </Button>
            )}
          </Space>
        }
      />
      {error !== null && <ErrorAlert error={error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={zh ? '政策信息' : 'Policy'} style={{ marginBottom: 16 }}>
            <Form
              form={form}
              layout="vertical"
              initialValues={init}
              onValuesChange={(c: Partial<FormValues>) => c.regionCode !== undefined && setRegionCode(c.regionCode)}
            >
              <Form.Item name="title" label={zh ? '政策名称' : 'Title'} rules={[{ required: true }]}>
                <Input maxLength={200} data-testid="policy-title" />
              </Form.Item>
              <Row gutter={8}>
                <Col xs={24} sm={12}>
                  <Form.Item name="issuer" label={zh ? '发文单位' : 'Issuer'} rules={[{ required: true }]}>
                    <Input maxLength={100} data-testid="policy-issuer" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="regionCode" label={zh ? '适用区域（行政区划代码）' : 'Region code'}>
                    <Input maxLength={12} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="mode" label={zh ? '兑现方式' : 'Mode'}>
                    <Select
                      options={[
                        { value: 'automatic', label: zh ? '免申即享' : 'Granted automatically' },
                        { value: 'fast_track', label: zh ? '快申快享' : 'Fast track' },
                        { value: 'application', label: zh ? '申报' : 'Application' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="benefitAmount" label={zh ? '扶持金额（元）' : 'Amount (yuan)'}>
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="benefit" label={zh ? '扶持内容' : 'Benefit'}>
                <Input maxLength={500} data-testid="policy-benefit" />
              </Form.Item>
              <Row gutter={8}>
                <Col xs={12} sm={8}>
                  <Form.Item name="validFrom" label={zh ? '有效期自' : 'Valid from'}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name="validTo" label={zh ? '有效期至' : 'Valid to'}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name="deadline" label={zh ? '申报截止' : 'Deadline'}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="contact" label={zh ? '联系方式' : 'Contact'}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="fullText" label={zh ? '政策原文' : 'Full text'}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Form>
          </Card>
          <Card size="small" title={zh ? '申报条件' : 'Eligibility rule'}>
            <RuleEditor value={rule} onChange={setRule} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={zh ? '谁符合条件（实时预览，未保存）' : 'Who qualifies now (preview, not saved)'}
            data-testid="policy-preview"
          >
            {previewError !== null && previewError instanceof ApiError ? <ErrorAlert error={previewError} /> : null}
            {preview && (
              <Flex vertical gap={12}>
                <Row gutter={8}>
                  <Col span={6}>
                    <Statistic
                      title={zh ? '符合' : 'Met'}
                      value={preview.met}
                      valueStyle={{ color: '#52c41a' }}
                      data-testid="preview-met"
                    />
                  </Col>
                  <Col span={6}>
                    <Statistic title={zh ? '差一项' : 'Nearly'} value={preview.nearly} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={zh ? '待补充' : 'Unknown'} value={preview.unknown} valueStyle={{ color: '#faad14' }} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={zh ? '不符合' : 'Unmet'} value={preview.unmet} />
                  </Col>
                </Row>
                <Typography.Text type="secondary">
                  {zh
                    ? `共判断 ${preview.total} 家企业，用时 ${preview.ms} 毫秒`
                    : `${preview.total} enterprises judged in ${preview.ms} ms`}
                </Typography.Text>
                {preview.sample.map((s) => (
                  <Card
                    key={s.enterpriseId}
                    size="small"
                    type="inner"
                    title={s.name}
                    extra={s.gap === 0 ? (zh ? '符合' : 'Met') : zh ? '差一项' : 'Nearly'}
                  >
                    <ExplanationView explanation={s.explanation} onlyOpen={s.gap > 0} />
                  </Card>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
