import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../../app/i18n.ts';
import './print.css';

export interface PrintSheetProps {
  /** The browser's title while the sheet is open: the name a saved PDF gets. */
  documentTitle: string;
  backTo: string;
  children: ReactNode;
}

/** An A4 sheet with a toolbar that does not print (MAT-2). */
export function PrintSheet({ documentTitle, backTo, children }: PrintSheetProps) {
  const t = useT();
  useEffect(() => {
    const before = document.title;
    document.title = documentTitle;
    return () => {
      document.title = before;
    };
  }, [documentTitle]);

  return (
    <div className="ht-print-root">
      <Flex className="ht-print-toolbar ht-no-print" justify="space-between" align="center" gap={8} wrap>
        <Link to={backTo}>
          <Button icon={<ArrowLeftOutlined />}>{t('matter.form.back')}</Button>
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('matter.form.a4')}
        </Typography.Text>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {t('matter.form.print')}
        </Button>
      </Flex>
      <div className="ht-sheet" data-testid="print-sheet">
        {children}
      </div>
    </div>
  );
}

/** A blank to write on, or what is already known printed on the line. */
export function Blank({ children, wide }: { children?: ReactNode; wide?: boolean }) {
  return (
    <span className="ht-blank" style={wide ? { minWidth: '60mm' } : undefined}>
      {children ?? '\u00a0'}
    </span>
  );
}
