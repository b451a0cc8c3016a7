import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { cadreApi, instructorApi } from '../../api/registry.ts';
import { useT } from '../../app/i18n.ts';
import { useDebounced } from '../../ui/useDebounced.ts';

export interface ServicePerson {
  personId: string;
  name: string;
}

export interface ServicePersonPickerProps {
  value?: string | null;
  onChange?: (personId: string | null) => void;
  /** People to offer before any search: the enterprise's own instructor, say. */
  suggested?: ServicePerson[];
  id?: string;
  'data-testid'?: string;
}

interface Found {
  instructors: ServicePerson[];
  cadres: ServicePerson[];
}

/**
 * SVC-1/SVC-2 a form control for who served: party-building instructors and stationed
 * cadres in the caller's scope, searched by name in both lists at once.
 */
export function ServicePersonPicker({ value, onChange, suggested = [], id, ...rest }: ServicePersonPickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query.trim());
  const [found, setFound] = useState<Found>({ instructors: [], cadres: [] });
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<Record<string, string>>({});

  useEffect(() => {
    const controller = new AbortController();
    const filter = { q: settled || undefined, limit: 20 };
    setLoading(true);
    Promise.all([instructorApi.list({ ...filter, active: 'true' }, controller.signal), cadreApi.list(filter, controller.signal)])
      .then(([instructors, cadres]) =>
        setFound({
          instructors: instructors.items.map((i) => ({ personId: i.personId, name: i.name })),
          cadres: cadres.items.map((c) => ({ personId: c.personId, name: c.name })),
        }),
      )
      .catch(() => {
        // The picker stays usable with what it had; the form's submit reports real problems.
        if (!controller.signal.aborted) setFound({ instructors: [], cadres: [] });
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [settled]);

  const options = useMemo(() => {
    const option = (p: ServicePerson) => ({ value: p.personId, label: p.name });
    const suggestedIds = new Set(suggested.map((p) => p.personId));
    const instructors = found.instructors.filter((p) => !suggestedIds.has(p.personId));
    const instructorIds = new Set(instructors.map((p) => p.personId));
    // One person can be both an instructor and a cadre: one option each, or the list repeats a key.
    const cadres = found.cadres.filter((p) => !suggestedIds.has(p.personId) && !instructorIds.has(p.personId));
    const shown = suggested.filter((p) => !settled || p.name.includes(settled));
    const groups = [
      { label: t('service.suggested'), options: shown.map(option) },
      { label: t('svc.instructors'), options: instructors.map(option) },
      { label: t('svc.cadres'), options: cadres.map(option) },
    ].filter((g) => g.options.length > 0);
    // The chosen person keeps their name when a later search no longer lists them.
    const listed = new Set(groups.flatMap((g) => g.options.map((o) => o.value)));
    if (value && !listed.has(value)) groups.push({ label: t('service.chosen'), options: [{ value, label: picked[value] ?? value }] });
    return groups;
  }, [found, suggested, settled, value, picked, t]);

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      style={{ width: '100%' }}
      value={value ?? undefined}
      allowClear
      loading={loading}
      placeholder={t('service.personPlaceholder')}
      showSearch={{ onSearch: setQuery, filterOption: false, searchValue: query }}
      notFoundContent={loading ? null : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
      options={options}
      onChange={(next) => {
        const hit = [...suggested, ...found.instructors, ...found.cadres].find((p) => p.personId === next);
        if (hit) setPicked((p) => ({ ...p, [hit.personId]: hit.name }));
        setQuery('');
        onChange?.(next ?? null);
      }}
    />
  );
}
