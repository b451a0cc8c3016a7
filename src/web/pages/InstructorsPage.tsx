import { Tabs } from 'antd';
import { useT } from '../app/i18n.ts';
import { CadreList } from '../features/instructors/CadreList.tsx';
import { InstructorList } from '../features/instructors/InstructorList.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function InstructorsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('svc.title')} />
      <Tabs
        items={[
          { key: 'instructors', label: t('svc.instructors'), children: <InstructorList /> },
          { key: 'cadres', label: t('svc.cadres'), children: <CadreList /> },
        ]}
      />
    </>
  );
}
