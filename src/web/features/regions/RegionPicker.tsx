import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { regionApi } from '../../api/resources.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import { useT } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { useRegionSearch } from './useRegionSearch.ts';

export interface RegionPickerProps {
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** The name of the starting value, shown before any search has run. */
  initialName?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** A form control for a region code: search by name, or type a GB/T 2260 code directly. */
export function RegionPicker({ value, onChange, initialName, placeholder, allowClear = true, id, ...rest }: RegionPickerProps) {
  const t = useT();
  const labels = useLabels();
  const [query, setQuery] = useState('');
  const { results, searching } = useRegionSearch(query);
  // The given name belongs to the value the control started with, not to whatever is typed later.
  const [picked, setPicked] = useState<Record<string, string>>(() => (value && initialName ? { [value]: initialName } : {}));

  // A value that arrived from outside (a URL, a saved record) gets its name looked up once.
  useEffect(() => {
    if (!value || picked[value] || !regionLevelOf(value)) return;
    let cancelled = false;
    regionApi
      .get(value)
      .then(({ region }) => {
        if (!cancelled) setPicked((p) => ({ ...p, [region.code]: region.name }));
      })
      .catch(() => {
        /* an unknown or out-of-scope code stays shown as the code itself */
      });
    return () => {
      cancelled = true;
    };
  }, [value, picked]);

  const options = useMemo(() => {
    const out = results.map((r) => ({
      value: r.code,
      label: `${r.name} · ${labels.level(r.level)} · ${r.code}`,
    }));
    const typed = query.trim();
    // A typed code is accepted as is; the server says whether it exists (field error on regionCode).
    if (regionLevelOf(typed) && !out.some((o) => o.value === typed)) out.unshift({ value: typed, label: typed });
    if (value && !out.some((o) => o.value === value)) {
      const name = picked[value];
      out.push({ value, label: name ? `${name} · ${value}` : value });
    }
    return out;
  }, [results, query, value, picked, labels]);

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      style={{ width: '100%' }}
      value={value ?? undefined}
      allowClear={allowClear}
      placeholder={placeholder ?? t('region.pickerPlaceholder')}
      loading={searching}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      notFoundContent={query.trim() && !searching ? <Typography.Text type="secondary">{t('region.searchEmpty')}</Typography.Text> : null}
      options={options}
      onChange={(code) => {
        const hit = code ? results.find((r) => r.code === code) : undefined;
        if (hit) setPicked((p) => ({ ...p, [hit.code]: hit.name }));
        setQuery('');
        onChange?.(code ?? null);
      }}
    />
  );
}
