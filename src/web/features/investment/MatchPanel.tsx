import { Button, Card, Col, Empty, Flex, Form, InputNumber, List, Row, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { investmentApi } from '../../api/registry.ts';
import type { InvestmentMatch } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormErrors } from '../../ui/formErrors.ts';
import { area, percent } from '../buildings/useBuildings.ts';
import { IndustryPicker } from '../enterprises/IndustryPicker.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';

interface Values {
  industryCode?: string | null;
  area: number;
  budget?: number | null;
  preferredRegionCode?: string | null;
  keywords?: string[];
}

function MatchItem({ m }: { m: InvestmentMatch }) {
  const t = useT();
  return (
    <List.Item style={{ display: 'block' }} data-testid={`match-${m.building.id}`}>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <span>
          <Typography.Text strong>#{m.rank} </Typography.Text>
          <Link to={`/buildings/${m.building.id}`}>{m.building.name}</Link>{' '}
          {m.building.positioning && <Tag color="volcano">{m.building.positioning}</Tag>}
          {m.fitsArea ? <Tag color="green">{t('invest.fits')}</Tag> : <Tag color="default">{t('invest.short')}</Tag>}
        </span>
        <span>
          {t('invest.score')}{' '}
          <Typography.Text strong style={{ color: '#cf1322', fontSize: 18 }}>
            {m.score}
          </Typography.Text>
        </span>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.building.regionName} · {t('building.vacantArea')} {t('area.value', { area: area(m.building.vacantArea) })} ·{' '}
        {t('building.occupancy')} {percent(1 - m.building.vacancyRate)}
        {m.building.askingRent !== null && ` · ${t('building.rentValue', { rent: m.building.askingRent })}`}
      </Typography.Text>
      <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }} data-testid="match-reasons">
        {m.reasons.map((r) => (
          <li key={r.factor} style={{ color: r.points < 0 ? '#cf1322' : r.points > 0 ? undefined : 'rgba(0,0,0,0.45)' }}>
            {r.text}
            <Typography.Text type="secondary"> ({r.points > 0 ? `+${r.points}` : r.points})</Typography.Text>
          </li>
        ))}
      </ul>
    </List.Item>
  );
}

/** REG-8 an investor's needs → buildings ranked by fit, each with the reasons behind its score (因楼制宜). */
export function MatchPanel() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ items: InvestmentMatch[]; total: number } | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    errors.clear();
    try {
      setResult(
        await investmentApi.match({
          industryCode: values.industryCode ?? null,
          area: values.area,
          budget: values.budget ?? null,
          preferredRegionCode: values.preferredRegionCode ?? null,
          keywords: values.keywords?.map((k) => k.trim()).filter(Boolean),
          limit: 10,
        }),
      );
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('invest.match')}>
          <ErrorAlert error={errors.error} fields={errors.unplaced} />
          <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="match-form">
            <Form.Item name="industryCode" label={t('invest.industry')}>
              <IndustryPicker />
            </Form.Item>
            <Form.Item name="area" label={t('invest.area')} rules={[{ required: true, message: t('error.required') }]}>
              <InputNumber style={{ width: '100%' }} min={1} max={10_000_000} />
            </Form.Item>
            <Form.Item name="budget" label={t('invest.budget')}>
              <InputNumber style={{ width: '100%' }} min={0} max={100_000} />
            </Form.Item>
            <Form.Item name="preferredRegionCode" label={t('invest.district')}>
              <RegionPicker />
            </Form.Item>
            <Form.Item name="keywords" label={t('invest.keywords')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('building.positioningPlaceholder')} open={false} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block data-testid="match-submit">
              {t('invest.submit')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card size="small" title={result ? `${t('invest.reasons')} · ${t('common.total', { total: result.total })}` : t('invest.reasons')}>
          {result ? (
            <List dataSource={result.items} renderItem={(m) => <MatchItem m={m} />} data-testid="match-results" />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('invest.noResult')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
