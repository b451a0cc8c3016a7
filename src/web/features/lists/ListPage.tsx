import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Table, type TableColumnsType } from 'antd';
import type { DependencyList, ReactNode } from 'react';
import { exportHref } from '../../api/lists.ts';
import type { Page } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLoader, type Loaded } from '../../ui/useLoader.ts';
import { useUrlFilters, type UrlFilters } from '../../ui/useUrlFilters.ts';

export const LIST_PAGE_SIZE = 20;

export interface PagedList<T> extends Loaded<Page<T>> {
  filters: UrlFilters;
}

/**
 * One page of a list whose filters live in the URL: `load` gets the page's limit and offset;
 * `deps` are the filter values (the page number is added here).
 */
export function usePagedList<T>(
  load: (page: { limit: number; offset: number }, signal: AbortSignal) => Promise<Page<T>>,
  deps: DependencyList,
): PagedList<T> {
  const filters = useUrlFilters();
  const loaded = useLoader(
    (signal) => load({ limit: LIST_PAGE_SIZE, offset: (filters.page - 1) * LIST_PAGE_SIZE }, signal),
    [...deps, filters.page],
  );
  return { ...loaded, filters };
}

interface Props<T> {
  title: string;
  /** The list's Excel export, under the same filters. */
  list: 'needs' | 'resources' | 'projects';
  filter: object;
  paged: PagedList<T>;
  columns: TableColumnsType<T>;
  /** Buttons after the export (a "new" button). */
  actions?: ReactNode;
  /** Filters after the search box. */
  children?: ReactNode;
  testId?: string;
}

/**
 * LST-1 LST-2 LST-4 the frame the three lists share: header with the Excel export, a search
 * box (`q`) and the list's own filters, the error, and the paged table.
 */
export function ListPage<T extends { id: string }>({ title, list, filter, paged, columns, actions, children, testId }: Props<T>) {
  const t = useT();
  const { filters, data, error, loading, reload } = paged;
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={exportHref(list, filter)} data-testid={`${list}-export`}>
              {t('lists.export')}
            </Button>
            {actions}
          </>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('lists.search')}
          defaultValue={filters.get('q')}
          onSearch={(q) => filters.update({ q: q.trim() || undefined })}
          style={{ width: 260 }}
          data-testid={`${list}-search`}
        />
        {children}
      </Flex>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<T>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1100 }}
        data-testid={testId ?? `${list}-table`}
        pagination={{
          current: filters.page,
          pageSize: LIST_PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page) => filters.update({ page: page > 1 ? String(page) : undefined }),
        }}
        columns={columns}
      />
    </>
  );
}
