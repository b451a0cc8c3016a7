import { HeritageView } from '../features/villages/HeritageView.tsx';
import { IncomeView } from '../features/villages/IncomeView.tsx';
import { PublicFunds } from '../features/villages/PublicFunds.tsx';
import { VillageDashboardView } from '../features/villages/VillageDashboardView.tsx';
import { VillageList } from '../features/villages/VillageList.tsx';
import { VillageProfile } from '../features/villages/VillageProfile.tsx';

/** VIL-1 … VIL-4 and DSH-1: the traditional villages' pages. */
export const VillagesPage = () => <VillageList />;
export const VillageProfilePage = () => <VillageProfile />;
export const VillageIncomePage = () => <IncomeView />;
export const HeritagePage = () => <HeritageView />;
export const VillageDashboardPage = () => <VillageDashboardView />;
export const PublicFundsPage = () => <PublicFunds />;
