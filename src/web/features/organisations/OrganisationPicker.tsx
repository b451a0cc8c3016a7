import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { organisationApi } from '../../api/resources.ts';
import type { Organisation } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { useDebounced } from '../../ui/useDebounced.ts';

export interface OrganisationPickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The name of the starting value, shown before any search has run. */
  initialName?: string | null;
  /** Left out of the options, e.g. an organisation cannot be its own parent. */
  excludeId?: string;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}

/** A form control for an organisation id, searching by name inside the caller's scope. */
export function OrganisationPicker({ value, onChange, initialName, excludeId, placeholder, id, ...rest }: OrganisationPickerProps) {
  const t = useT();
  const labels = useLabels();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query.trim());
  const [results, setResults] = useState<Organisation[]>([]);
  const [loading, setLoading] = useState(false);
  // The given name belongs to the value the control started with, not to a later choice.
  const [names, setNames] = useState<Record<string, string>>(() => (value && initialName ? { [value]: initialName } : {}));

  // A value that arrived from outside (a URL) gets its name looked up once.
  useEffect(() => {
    if (!value || names[value]) return;
    let cancelled = false;
    organisationApi
      .get(value)
      .then((org) => {
        if (!cancelled) setNames((n) => ({ ...n, [org.id]: org.name }));
      })
      .catch(() => {
        /* an unknown or out-of-scope id stays shown as #id */
      });
    return () => {
      cancelled = true;
    };
  }, [value, names]);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    organisationApi
      .list({ q: settled || undefined, limit: 20 })
      .then(({ items }) => {
        if (!cancelled) setResults(items);
      })
      .catch(() => {
        // The picker stays usable with what it had; the form's submit reports real problems.
        if (!cancelled) setResults([]);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [settled]);

  const options = useMemo(() => {
    const out = results.filter((o) => o.id !== excludeId).map((o) => ({ value: o.id, label: `${o.name}（${labels.kind(o.kind)}）` }));
    if (value && !out.some((o) => o.value === value)) {
      out.unshift({ value, label: names[value] ?? `#${value}` });
    }
    return out;
  }, [results, excludeId, value, names, labels]);

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      style={{ width: '100%' }}
      value={value ?? undefined}
      allowClear
      loading={loading}
      placeholder={placeholder ?? t('org.pickerPlaceholder')}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      notFoundContent={loading ? null : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
      options={options}
      onChange={(next) => {
        const hit = next ? results.find((o) => o.id === next) : undefined;
        if (hit) setNames((n) => ({ ...n, [hit.id]: hit.name }));
        setQuery('');
        onChange?.(next ?? null);
      }}
    />
  );
}
