import { InspectionForm } from '../features/field-work/InspectionForm.tsx';
import { MediationForm } from '../features/field-work/MediationForm.tsx';
import { MyHouseholds } from '../features/field-work/MyHouseholds.tsx';
import { VisitForm } from '../features/field-work/VisitForm.tsx';

/** GRD-3 the party member's phone pages: 我的包户 and the three field records. */
export const FieldHouseholdsPage = () => <MyHouseholds />;
export const FieldVisitPage = () => <VisitForm />;
export const FieldInspectionPage = () => <InspectionForm />;
export const FieldMediationPage = () => <MediationForm />;
