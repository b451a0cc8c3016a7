import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ApplicationMode, ApplicationStatus, Explanation, PolicyStatus, Tri } from '../../api/policies.ts';
import { useLocale } from '../../app/i18n.ts';

/** POL-1 … POL-3 small shared pieces: mode, status and result tags, and an explained rule. */
export function useZh(): boolean {
  return useLocale().locale !== 'en';
}

const MODE: Record<ApplicationMode, [string, string, string]> = {
  automatic: ['免申即享', 'Granted automatically', 'green'],
  fast_track: ['快申快享', 'Fast track', 'blue'],
  application: ['申报', 'Application', 'default'],
};
export function ModeTag({ mode }: { mode: ApplicationMode }) {
  const zh = useZh();
  const [a, b, color] = MODE[mode];
  return <Tag color={color}>{zh ? a : b}</Tag>;
}

const STATUS: Record<PolicyStatus, [string, string, string]> = {
  draft: ['草稿', 'Draft', 'default'],
  published: ['已发布', 'Published', 'red'],
  withdrawn: ['已撤回', 'Withdrawn', 'default'],
};
export function StatusTag({ status }: { status: PolicyStatus }) {
  const zh = useZh();
  const [a, b, color] = STATUS[status];
  return (
    <Tag color={color} data-testid="policy-status">
      {zh ? a : b}
    </Tag>
  );
}

export const APPLICATION_STATUS: Record<ApplicationStatus, [string, string, string]> = {
  pending: ['待申报', 'To apply', 'orange'],
  submitted: ['已申报', 'Applied', 'blue'],
  granted: ['已兑现', 'Granted', 'green'],
  rejected: ['未通过', 'Not granted', 'default'],
};
export function ApplicationTag({ status }: { status: ApplicationStatus }) {
  const zh = useZh();
  const [a, b, color] = APPLICATION_STATUS[status];
  return <Tag color={color}>{zh ? a : b}</Tag>;
}

const TRI: Record<Tri, [string, string, string]> = {
  met: ['符合', 'Met', 'success'],
  unmet: ['不符合', 'Unmet', 'error'],
  unknown: ['待补充', 'Unknown', 'warning'],
};
export function TriTag({ status }: { status: Tri }) {
  const zh = useZh();
  const [a, b, color] = TRI[status];
  return <Tag color={color}>{zh ? a : b}</Tag>;
}

const ICON: Record<Tri, ReactNode> = {
  met: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  unmet: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  unknown: <QuestionCircleFilled style={{ color: '#faad14' }} />,
};

/** Every condition with its sentence; for the unmet ones, what would need to change; then what is missing. */
export function ExplanationView({ explanation, onlyOpen = false }: { explanation: Explanation; onlyOpen?: boolean }) {
  const zh = useZh();
  const shown = onlyOpen ? explanation.conditions.filter((c) => c.status !== 'met') : explanation.conditions;
  return (
    <Flex vertical gap={4} data-testid="explanation">
      {shown.map((c, i) => (
        <Flex key={i} gap={6} align="baseline">
          {ICON[c.status]}
          <div>
            <Typography.Text>{c.text}</Typography.Text>
            {c.change && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {zh ? '需改进：' : 'To qualify: '}
                {c.change}
              </Typography.Text>
            )}
          </div>
        </Flex>
      ))}
      {explanation.missingFields.length > 0 && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {zh ? '待补充：' : 'Not reported: '}
          {explanation.missingFields.map((f) => f.label).join('、')}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function money(n: number | null, zh: boolean): string {
  if (n === null) return '—';
  if (zh && n >= 10_000) return `${(n / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  return zh ? `${n.toLocaleString('zh-CN')} 元` : `¥${n.toLocaleString('en')}`;
}
