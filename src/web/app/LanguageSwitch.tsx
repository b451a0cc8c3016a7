import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown, Segmented } from 'antd';
import type { Locale } from '../api/types.ts';
import { useLocale } from './i18n.ts';

const NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
// Each language is named in itself, so a reader who cannot read the current one still finds theirs.
const OPTIONS = (['zh-CN', 'en'] as const).map((value) => ({
  value,
  label: <span data-testid={value === 'en' ? 'lang-en' : 'lang-zh'}>{NAMES[value]}</span>,
}));

/** Side-by-side choice, for the sign-in page. */
export function LanguageSegmented() {
  const { locale, setLocale } = useLocale();
  return <Segmented<Locale> size="small" value={locale} onChange={setLocale} options={OPTIONS} />;
}

/** Compact menu, for the header. */
export function LanguageMenu({ compact }: { compact?: boolean }) {
  const { locale, setLocale, t } = useLocale();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: OPTIONS.map((o) => ({ key: o.value, label: o.label })),
        onClick: ({ key }) => setLocale(key === 'en' ? 'en' : 'zh-CN'),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('app.language')} data-testid="lang-menu" style={{ color: 'inherit' }}>
        {compact ? (locale === 'en' ? 'EN' : '中') : NAMES[locale]}
      </Button>
    </Dropdown>
  );
}
