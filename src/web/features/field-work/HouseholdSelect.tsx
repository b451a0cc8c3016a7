import { Select } from 'antd';
import type { FieldHousehold } from './api.ts';

export interface HouseholdSelectProps {
  households: readonly FieldHousehold[];
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder: string;
  allowClear?: boolean;
}

/** A household of the member's list, searchable by head of household or address. */
export function HouseholdSelect({ households, value, onChange, placeholder, allowClear }: HouseholdSelectProps) {
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value ?? null}
      onChange={(v: string | null) => onChange?.(v ?? null)}
      placeholder={placeholder}
      options={households.map((h) => ({ value: h.id, label: `${h.headName ?? '—'} · ${h.address}` }))}
      data-testid="field-household-select"
    />
  );
}
