import { OrganisationList } from '../features/organisations/OrganisationList.tsx';

export function OrganisationsPage() {
  return <OrganisationList />;
}
