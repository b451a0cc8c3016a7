import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { buildingApi } from '../../api/registry.ts';
import type { Building } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { useDebounced } from '../../ui/useDebounced.ts';

export interface BuildingPickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Only buildings of this region's subtree are offered. */
  regionCode?: string;
  /** Buildings that cannot be chosen again (already members, say). */
  exclude?: readonly string[];
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}

/** A form control for a building id, searching by name inside the caller's scope. */
export function BuildingPicker({ value, onChange, regionCode, exclude = [], placeholder, id, ...rest }: BuildingPickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query.trim());
  const [results, setResults] = useState<Building[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<Record<string, string>>({});

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    buildingApi
      .list({ q: settled || undefined, regionCode, limit: 20 }, controller.signal)
      .then(({ items }) => setResults(items))
      .catch(() => {
        // The picker stays usable with what it had; the form's submit reports real problems.
        if (!controller.signal.aborted) setResults([]);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [settled, regionCode]);

  const options = useMemo(() => {
    const excluded = new Set(exclude);
    const out = results.map((b) => ({
      value: b.id,
      label: b.regionName ? `${b.name}（${b.regionName}）` : b.name,
      disabled: excluded.has(b.id),
    }));
    // The chosen building keeps its name when the list it came from has been replaced.
    if (value && !out.some((o) => o.value === value)) out.push({ value, label: picked[value] ?? value, disabled: false });
    return out;
  }, [results, exclude, value, picked]);

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      style={{ width: '100%' }}
      value={value ?? undefined}
      allowClear
      loading={loading}
      placeholder={placeholder ?? t('belt.buildingPlaceholder')}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      notFoundContent={loading ? null : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
      options={options}
      onChange={(next) => {
        const hit = results.find((b) => b.id === next);
        if (hit) setPicked((p) => ({ ...p, [hit.id]: hit.name }));
        setQuery('');
        onChange?.(next ?? null);
      }}
    />
  );
}
