import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { organisationApi, personApi } from '../../api/resources.ts';
import { useDebounced } from '../../ui/useDebounced.ts';

interface Option {
  value: string;
  label: string;
}

export interface PartySelectProps {
  /** Whom to search: people (post holders, chain leaders, inheritors) or organisations (paired departments). */
  kind: 'person' | 'organisation';
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * A form control for a person or organisation in the caller's scope, searched by name on the server
 * (the registry lists are scoped there, so an option offered here is one the village routes accept).
 */
export function PartySelect({ kind, value, onChange, id, placeholder, ...rest }: PartySelectProps) {
  const [query, setQuery] = useState('');
  const settled = useDebounced(query.trim());
  const [found, setFound] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  // The chosen one keeps its name when a later search no longer lists it.
  const [chosen, setChosen] = useState<Option | null>(null);

  useEffect(() => {
    let cancelled = false;
    const filter = { q: settled || undefined, limit: 20 };
    setLoading(true);
    const request = kind === 'person' ? personApi.list(filter) : organisationApi.list(filter);
    request
      .then(({ items }) => {
        if (!cancelled) setFound(items.map((i) => ({ value: i.id, label: i.name })));
      })
      .catch(() => {
        // The picker stays usable with what it had; the form's submit reports real problems.
        if (!cancelled) setFound([]);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [kind, settled]);

  const options = chosen && value === chosen.value && !found.some((o) => o.value === value) ? [chosen, ...found] : found;
  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      style={{ width: '100%' }}
      value={value ?? undefined}
      allowClear
      loading={loading}
      placeholder={placeholder}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      options={options}
      onChange={(next) => {
        setChosen(found.find((o) => o.value === next) ?? null);
        setQuery('');
        onChange?.(next ?? null);
      }}
    />
  );
}
