import { Cascader } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { INDUSTRY_SECTIONS, sectionOf } from '../../../domain/registry/industry.ts';

export interface IndustryPickerProps {
  /** A GB/T 4754 section letter ('I') or division ('65'). */
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** GB/T 4754-2017 门类 → 大类; choosing a section alone means every division in it. */
export function IndustryPicker({ value, onChange, placeholder, id, style, ...rest }: IndustryPickerProps) {
  const options = useMemo(
    () =>
      INDUSTRY_SECTIONS.map((s) => ({
        value: s.code,
        label: `${s.code} ${s.name}`,
        children: s.divisions.map(([code, name]) => ({ value: code, label: `${code} ${name}` })),
      })),
    [],
  );
  const path = value ? (/^[A-Z]$/.test(value) ? [value] : [sectionOf(value) ?? '', value]) : undefined;
  return (
    <Cascader
      id={id}
      data-testid={rest['data-testid']}
      style={style ?? { width: '100%' }}
      options={options}
      value={path}
      changeOnSelect
      showSearch
      placeholder={placeholder}
      onChange={(next) => onChange?.(next && next.length ? String(next[next.length - 1]) : null)}
    />
  );
}
