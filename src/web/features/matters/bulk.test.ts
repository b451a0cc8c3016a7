import { describe, expect, it } from 'vitest';
import type { StepInput } from '../../api/matters.ts';
import { takeBulkStep } from './bulk.ts';

const row = (id: string, status: 'collected' | 'dispatched' | 'registered', version = 1) => ({ id, code: `LY${id}`, status, version });

describe('bulk steps of the workbench (MAT-5)', () => {
  it('MAT-5 批量登记 sends one step per matter with its own version and lists each failure beside the successes', async () => {
    const sent: [string, StepInput][] = [];
    const result = await takeBulkStep({
      step: 'register',
      rows: [row('1', 'collected', 3), row('2', 'collected', 1), row('3', 'registered'), row('4', 'collected', 2)],
      send: async (id, input) => {
        sent.push([id, input]);
        if (id === '2') throw new Error('该事项刚被他人处理，请刷新后重试');
      },
      describe: (err) => (err instanceof Error ? err.message : String(err)),
      notApplicable: '当前不能登记',
    });
    expect(sent).toEqual([
      ['1', { action: 'register', version: 3 }],
      ['2', { action: 'register', version: 1 }],
      ['4', { action: 'register', version: 2 }],
    ]);
    expect(result).toEqual({
      ok: 2,
      failures: [
        { code: 'LY2', message: '该事项刚被他人处理，请刷新后重试' },
        { code: 'LY3', message: '当前不能登记' },
      ],
    });
  });

  it('MAT-5 批量签收 only touches dispatched matters', async () => {
    const sent: string[] = [];
    const result = await takeBulkStep({
      step: 'accept',
      rows: [row('1', 'collected'), row('2', 'dispatched')],
      send: async (id) => {
        sent.push(id);
      },
      describe: String,
      notApplicable: '当前不能签收',
    });
    expect(sent).toEqual(['2']);
    expect(result.ok).toBe(1);
    expect(result.failures).toEqual([{ code: 'LY1', message: '当前不能签收' }]);
  });
});
