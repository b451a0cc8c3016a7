import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { enterpriseApi } from '../../api/registry.ts';
import type { Enterprise } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { useDebounced } from '../../ui/useDebounced.ts';

export interface EnterprisePickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  'data-testid'?: string;
}

/** A form control for an enterprise id, searching by name or credit code inside the caller's scope. */
export function EnterprisePicker({ value, onChange, id, ...rest }: EnterprisePickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query.trim());
  const [results, setResults] = useState<Enterprise[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    enterpriseApi
      .list({ q: settled || undefined, limit: 20 }, controller.signal)
      .then(({ items }) => setResults(items))
      .catch(() => {
        // The picker stays usable with what it had; the form's submit reports real problems.
        if (!controller.signal.aborted) setResults([]);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [settled]);

  const options = useMemo(
    () =>
      results.map((e) => ({
        value: e.id,
        label: e.currentBuilding ? `${e.name}（${e.currentBuilding.name}）` : e.name,
      })),
    [results],
  );

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      style={{ width: '100%' }}
      value={value ?? undefined}
      allowClear
      loading={loading}
      placeholder={t('enterprise.pickerPlaceholder')}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      notFoundContent={loading ? null : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
      options={options}
      onChange={(next) => {
        setQuery('');
        onChange?.(next ?? null);
      }}
    />
  );
}
