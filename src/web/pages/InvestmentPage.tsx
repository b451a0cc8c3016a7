import { Flex } from 'antd';
import { useT } from '../app/i18n.ts';
import { LeadsBoard } from '../features/investment/LeadsBoard.tsx';
import { MatchPanel } from '../features/investment/MatchPanel.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function InvestmentPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('invest.title')} />
      <Flex vertical gap={16}>
        <MatchPanel />
        <LeadsBoard />
      </Flex>
    </>
  );
}
