import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, Modal, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { searchApi } from '../../api/registry.ts';
import type { SearchHit, SearchResult } from '../../api/registryTypes.ts';
import { maySee, type SectionKey } from '../../app/access.ts';
import { useUser } from '../../app/auth.tsx';
import { useT, type MessageKey } from '../../app/i18n.ts';
import { errorMessage } from '../../ui/ErrorAlert.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';

/** Chinese names are found by character bigrams on the server, so one character finds nothing useful. */
const MIN_CHARS = 2;

const GROUPS: { key: keyof SearchResult; label: MessageKey; path: string; section: SectionKey }[] = [
  { key: 'buildings', label: 'search.buildings', path: '/buildings/', section: 'buildings' },
  { key: 'enterprises', label: 'search.enterprises', path: '/enterprises/', section: 'enterprises' },
  { key: 'people', label: 'search.people', path: '/people/', section: 'people' },
];

interface Option {
  value?: string;
  label: ReactNode;
  disabled?: boolean;
  options?: Option[];
}

function Hit({ hit }: { hit: SearchHit }) {
  return (
    <div style={{ lineHeight: 1.35, padding: '2px 0' }}>
      <div>{hit.name}</div>
      {hit.detail && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hit.detail}
        </Typography.Text>
      )}
    </div>
  );
}

function SearchBox({ onDone, autoFocus }: { onDone?: () => void; autoFocus?: boolean }) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (q.length < MIN_CHARS) {
      setResult(null);
      setError(null);
      return;
    }
    const controller = new AbortController();
    searchApi
      .search(q, controller.signal)
      .then((r) => {
        setResult(r);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(err, t));
      });
    return () => controller.abort();
  }, [q, t]);

  const options = useMemo((): Option[] => {
    if (error) return [{ value: '', label: <Typography.Text type="danger">{error}</Typography.Text>, disabled: true }];
    if (text.trim().length > 0 && text.trim().length < MIN_CHARS) return [{ value: '', label: t('search.tooShort'), disabled: true }];
    if (!result) return [];
    const groups = GROUPS.filter((g) => maySee(user.role, g.section) && result[g.key].length > 0).map((g) => ({
      label: <span data-testid={`search-group-${g.key}`}>{t(g.label)}</span>,
      options: result[g.key].map((hit) => ({ value: `${g.path}${hit.id}`, label: <Hit hit={hit} /> })),
    }));
    return groups.length ? groups : [{ value: '', label: t('search.none'), disabled: true }];
  }, [result, error, text, user.role, t]);

  return (
    <AutoComplete
      value={text}
      options={options}
      // Choosing a hit reports its value (a path) as the new text; keep what was typed instead.
      onChange={(v: string) => setText(v.startsWith('/') ? text : v)}
      onSelect={(path: string) => {
        if (!path) return;
        setText('');
        onDone?.();
        void navigate(path);
      }}
      popupMatchSelectWidth={320}
      style={{ width: '100%' }}
      data-testid="global-search"
    >
      <Input
        allowClear
        autoFocus={autoFocus}
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        data-testid="global-search-input"
      />
    </AutoComplete>
  );
}

/** The header's search across buildings, enterprises and people (REG-1/2, ORG-3); a button opening a sheet on phones. */
export function GlobalSearch({ phone }: { phone: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (!phone) {
    return (
      // The header sets a 64px line height; the box keeps its own so it stays a normal input.
      <div style={{ width: 280, lineHeight: 'normal', display: 'flex', alignItems: 'center' }}>
        <SearchBox />
      </div>
    );
  }
  return (
    <>
      <Button
        type="text"
        icon={<SearchOutlined />}
        aria-label={t('common.search')}
        onClick={() => setOpen(true)}
        style={{ color: '#fff' }}
        data-testid="global-search-toggle"
      />
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('common.search')} style={{ top: 12 }} destroyOnHidden>
        <SearchBox autoFocus onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
