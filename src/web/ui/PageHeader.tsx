import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons on the right; they wrap below the title on a phone. */
  extra?: ReactNode;
  /** Above the title, e.g. a breadcrumb. */
  top?: ReactNode;
  onBack?: () => void;
  backLabel?: string;
}

export function PageHeader({ title, subtitle, extra, top, onBack, backLabel }: PageHeaderProps) {
  return (
    <div style={{ marginBottom: 16 }}>
      {top}
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: top ? 8 : 0 }}>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {onBack && <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={backLabel} />}
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
          </div>
        </Flex>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
