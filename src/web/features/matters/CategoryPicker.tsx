import { Select } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import type { MatterCategory } from '../../api/matters.ts';
import { useLocale, useT } from '../../app/i18n.ts';

export interface CategoryPickerProps {
  categories: readonly MatterCategory[];
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** Categories grouped as the catalogue groups them (政务服务, 人才服务 …), each with its one-line description. */
export function CategoryPicker({ categories, value, onChange, id, allowClear, placeholder, style, ...rest }: CategoryPickerProps) {
  const t = useT();
  const { locale } = useLocale();
  const options = useMemo(() => {
    const groups = new Map<string, MatterCategory[]>();
    for (const c of categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
    return [...groups].map(([group, items]) => ({
      label: group,
      title: group,
      options: items.map((c) => ({
        value: c.id,
        label: locale === 'en' ? c.nameEn : c.name,
        desc: c.description,
        search: `${c.name} ${c.nameEn} ${c.description} ${group}`,
      })),
    }));
  }, [categories, locale]);

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('matter.field.categoryPlaceholder')}
      style={{ width: '100%', ...style }}
      options={options}
      // A few dozen options whose descriptions wrap to different heights: a virtual list keeps
      // re-measuring them while it scrolls, so an option jumps away from the finger on a phone.
      virtual={false}
      showSearch={{ filterOption: (input, option) => String(option?.search ?? '').includes(input.trim()) }}
      optionRender={(option) => (
        <div>
          <div>{option.label}</div>
          {option.data.desc && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', whiteSpace: 'normal' }}>{option.data.desc}</div>}
        </div>
      )}
    />
  );
}
