import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input, Typography } from 'antd';
import { useState } from 'react';
import type { RegionSummary } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { useLabels } from '../../app/labels.ts';
import { useRegionSearch } from './useRegionSearch.ts';

/** Find a region by name and jump to it. */
export function RegionSearch({ onPick }: { onPick: (region: RegionSummary) => void }) {
  const t = useT();
  const labels = useLabels();
  const [query, setQuery] = useState('');
  const { results, searching } = useRegionSearch(query);

  const pick = (code: string) => {
    const region = results.find((r) => r.code === code);
    if (!region) return;
    setQuery('');
    onPick(region);
  };

  return (
    <AutoComplete
      value={query}
      onChange={setQuery}
      onSelect={pick}
      style={{ width: '100%', minWidth: 240, maxWidth: 360 }}
      notFoundContent={query.trim() && !searching ? t('region.searchEmpty') : null}
      options={results.map((r) => ({
        value: r.code,
        label: (
          <div data-testid={`region-search-option-${r.code}`}>
            {r.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.level(r.level)} · {r.code}
            </Typography.Text>
          </div>
        ),
      }))}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('region.searchPlaceholder')}
        data-testid="region-search"
        onPressEnter={() => {
          const first = results[0];
          if (first) pick(first.code);
        }}
      />
    </AutoComplete>
  );
}
