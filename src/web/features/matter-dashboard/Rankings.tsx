import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Figures } from './api.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const days = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** A ranking table of regions or departments: the dashboard's figures per row, sortable. */
export function Ranking<T extends Figures>({
  rows,
  rowKey,
  nameTitle,
  zh,
}: {
  rows: T[];
  rowKey: keyof T & string;
  nameTitle: string;
  zh: boolean;
}) {
  const num = (key: keyof Figures) => (a: T, b: T) => Number(a[key] ?? -1) - Number(b[key] ?? -1);
  const columns: ColumnsType<T> = [
    { title: '#', key: 'rank', width: 48, render: (_v, _r, i) => i + 1 },
    { title: nameTitle, dataIndex: 'name', key: 'name' },
    { title: zh ? '受理' : 'Received', dataIndex: 'received', key: 'received', sorter: num('received') },
    { title: zh ? '响应率' : 'Response', dataIndex: 'responseRate', key: 'responseRate', render: pct, sorter: num('responseRate') },
    { title: zh ? '办结率' : 'Closure', dataIndex: 'closureRate', key: 'closureRate', render: pct, sorter: num('closureRate') },
    {
      title: zh ? '按时办结率' : 'On time',
      dataIndex: 'onTimeClosureRate',
      key: 'onTimeClosureRate',
      render: pct,
      sorter: num('onTimeClosureRate'),
    },
    {
      title: zh ? '满意率' : 'Satisfaction',
      dataIndex: 'satisfactionRate',
      key: 'satisfactionRate',
      render: pct,
      sorter: num('satisfactionRate'),
    },
    { title: zh ? '超期' : 'Overdue', dataIndex: 'overdue', key: 'overdue', sorter: num('overdue') },
    {
      title: zh ? '平均办结(工作日)' : 'Avg days',
      dataIndex: 'averageWorkingDaysToClose',
      key: 'averageWorkingDaysToClose',
      render: days,
      sorter: num('averageWorkingDaysToClose'),
    },
  ];
  // Headers and names stay on one line (styles.css); a narrow screen scrolls the table sideways instead.
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      dataSource={rows}
      columns={columns}
      pagination={{ pageSize: 10, size: 'small' }}
      scroll={{ x: 'max-content' }}
      className="ranking-table"
    />
  );
}
