import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import type { BandNode, BracketNode, ConditionNode, RuleGroupNode, RuleNode } from '../../api/policies.ts';
import { useLocale } from '../../app/i18n.ts';
import {
  fieldLabel,
  kindOf,
  NUMBER_FIELDS,
  newBracket,
  newCondition,
  OP_LABELS,
  OPS,
  RULE_FIELDS,
  valueOptions,
  withOp,
} from './ruleFields.ts';

/**
 * POL-2 the rule editor: nested 全部满足 / 满足其一 groups, conditions built
 * from field, operator and value pickers, and the bracket editor for
 * thresholds that depend on a band (R&D ratio by revenue). Test ids carry the
 * node's path ("0-1" is the second part of the first part).
 */
interface NodeProps<T> {
  node: T;
  path: number[];
  onChange: (node: RuleNode) => void;
  onRemove?: (() => void) | undefined;
}

const isGroupNode = (r: RuleNode): r is RuleGroupNode => r.kind === 'and' || r.kind === 'or';
const pathId = (path: number[]) => (path.length ? path.join('-') : 'root');

export function RuleEditor({ value, onChange }: { value: RuleNode; onChange: (rule: RuleNode) => void }) {
  const root: RuleGroupNode = isGroupNode(value) ? value : { kind: 'and', rules: [value] };
  return <GroupEditor node={root} path={[]} onChange={onChange} />;
}

function GroupEditor({ node, path, onChange, onRemove }: NodeProps<RuleGroupNode>) {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const set = (i: number, child: RuleNode) => onChange({ ...node, rules: node.rules.map((r, j) => (j === i ? child : r)) });
  const remove = (i: number) => onChange({ ...node, rules: node.rules.filter((_, j) => j !== i) });
  const add = (child: RuleNode) => onChange({ ...node, rules: [...node.rules, child] });
  return (
    <Card
      size="small"
      data-testid={`rule-group-${pathId(path)}`}
      style={{ background: path.length % 2 ? '#fafafa' : undefined }}
      title={
        <Segmented
          size="small"
          value={node.kind}
          onChange={(kind) => onChange({ ...node, kind: kind as 'and' | 'or' })}
          options={[
            { value: 'and', label: zh ? '全部满足' : 'All of' },
            { value: 'or', label: zh ? '满足其一' : 'Any of' },
          ]}
        />
      }
      extra={
        onRemove && (
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={zh ? '删除条件组' : 'Remove group'} />
        )
      }
    >
      <Flex vertical gap={8}>
        {node.rules.map((child, i) => {
          const childPath = [...path, i];
          const onRemoveChild = node.rules.length > 1 ? () => remove(i) : undefined;
          if (isGroupNode(child))
            return <GroupEditor key={i} node={child} path={childPath} onChange={(c) => set(i, c)} onRemove={onRemoveChild} />;
          if (child.kind === 'bracket')
            return <BracketEditor key={i} node={child} path={childPath} onChange={(c) => set(i, c)} onRemove={onRemoveChild} />;
          return (
            <ConditionEditor key={i} node={child as ConditionNode} path={childPath} onChange={(c) => set(i, c)} onRemove={onRemoveChild} />
          );
        })}
        <Space wrap>
          <Button
            size="small"
            icon={<PlusOutlined />}
            data-testid={`rule-add-condition-${pathId(path)}`}
            onClick={() => add(newCondition())}
          >
            {zh ? '条件' : 'Condition'}
          </Button>
          <Button size="small" icon={<PlusOutlined />} data-testid={`rule-add-bracket-${pathId(path)}`} onClick={() => add(newBracket())}>
            {zh ? '分档条件' : 'Bracket'}
          </Button>
          {path.length < 7 && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              data-testid={`rule-add-group-${pathId(path)}`}
              onClick={() => add({ kind: node.kind === 'and' ? 'or' : 'and', rules: [newCondition()] })}
            >
              {zh ? '条件组' : 'Group'}
            </Button>
          )}
        </Space>
      </Flex>
    </Card>
  );
}

function ConditionEditor({ node, path, onChange, onRemove }: NodeProps<ConditionNode>) {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const kind = kindOf(node.field);
  const id = pathId(path);
  const options = valueOptions(node.field, locale);
  const money = node.field === 'revenue' || node.field === 'rdSpending';
  const numberInput = (value: number | undefined, set: (n: number) => void, testId: string) => (
    <InputNumber
      data-testid={testId}
      min={0}
      value={value}
      onChange={(n) => set(typeof n === 'number' ? n : 0)}
      style={{ width: 160 }}
      {...(money ? { formatter: (v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','), addonAfter: zh ? '元' : 'yuan' } : {})}
      {...(node.field === 'rdRatio' ? { addonAfter: '%', max: 100 } : {})}
    />
  );
  let valueInput = null;
  if (kind === 'number' && node.op === 'between')
    valueInput = (
      <Space>
        {numberInput(node.min, (min) => onChange({ ...node, min }), `cond-min-${id}`)}
        {numberInput(node.max, (max) => onChange({ ...node, max }), `cond-max-${id}`)}
      </Space>
    );
  else if (kind === 'number')
    valueInput = numberInput(node.value as number | undefined, (value) => onChange({ ...node, value }), `cond-value-${id}`);
  else if (kind === 'date' && node.op.startsWith('years'))
    valueInput = (
      <InputNumber
        data-testid={`cond-value-${id}`}
        min={0}
        max={200}
        value={node.value as number}
        onChange={(n) => onChange({ ...node, value: n ?? 0 })}
        addonAfter={zh ? '年' : 'years'}
      />
    );
  else if (kind === 'date')
    valueInput = (
      <Input
        data-testid={`cond-value-${id}`}
        placeholder="YYYY-MM-DD"
        value={node.value as string}
        onChange={(e) => onChange({ ...node, value: e.target.value })}
        style={{ width: 140 }}
      />
    );
  else if (kind !== 'boolean')
    valueInput = (
      <Select
        data-testid={`cond-values-${id}`}
        mode={options.length ? 'multiple' : 'tags'}
        value={node.values ?? []}
        options={options}
        onChange={(values: string[]) => onChange({ ...node, values })}
        placeholder={
          kind === 'industry'
            ? zh
              ? '行业门类或代码，如 I、65'
              : 'Section or code, e.g. I, 65'
            : kind === 'region'
              ? zh
                ? '行政区划代码'
                : 'Region codes'
              : ''
        }
        style={{ minWidth: 220 }}
        tokenSeparators={[',', '，', ' ']}
      />
    );
  return (
    <Flex gap={8} wrap align="center" data-testid={`rule-condition-${id}`}>
      <Select
        data-testid={`cond-field-${id}`}
        value={node.field}
        style={{ width: 150 }}
        options={RULE_FIELDS.map((f) => ({ value: f.field, label: fieldLabel(f.field, locale) }))}
        onChange={(field: string) => onChange(newCondition(field))}
      />
      <Select
        data-testid={`cond-op-${id}`}
        value={node.op}
        style={{ width: 120 }}
        options={OPS[kind].map((op) => ({ value: op, label: OP_LABELS[op]![zh ? 0 : 1] }))}
        onChange={(op: string) => onChange(withOp(node, op))}
      />
      {valueInput}
      {onRemove && (
        <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={zh ? '删除条件' : 'Remove condition'} />
      )}
    </Flex>
  );
}

function BracketEditor({ node, path, onChange, onRemove }: NodeProps<BracketNode>) {
  const { locale } = useLocale();
  const zh = locale !== 'en';
  const id = pathId(path);
  const numberOptions = NUMBER_FIELDS.map((f) => ({ value: f, label: fieldLabel(f, locale) }));
  const setBand = (i: number, band: BandNode) => onChange({ ...node, bands: node.bands.map((b, j) => (j === i ? band : b)) });
  const unit = (field: string) => (field === 'rdRatio' ? '%' : field === 'staffCount' ? (zh ? '人' : '') : zh ? '元' : 'yuan');
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`rule-bracket-${id}`}
      title={zh ? '分档条件' : 'Bracket'}
      extra={onRemove && <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={zh ? '删除' : 'Remove'} />}
    >
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          <Select
            data-testid={`bracket-field-${id}`}
            value={node.field}
            options={numberOptions}
            style={{ width: 140 }}
            onChange={(field: string) => onChange({ ...node, field })}
          />
          <Select
            value={node.op}
            style={{ width: 80 }}
            options={['gte', 'gt', 'lte', 'lt'].map((op) => ({ value: op, label: OP_LABELS[op]![0] }))}
            onChange={(op: string) => onChange({ ...node, op })}
          />
          <Typography.Text>{zh ? '门槛按' : 'threshold by'}</Typography.Text>
          <Select
            data-testid={`bracket-by-${id}`}
            value={node.by}
            options={numberOptions.filter((o) => o.value !== node.field)}
            style={{ width: 140 }}
            onChange={(by: string) => onChange({ ...node, by })}
          />
          <Typography.Text>{zh ? '分档：' : 'in bands:'}</Typography.Text>
        </Flex>
        {node.bands.map((band, i) => (
          <Flex key={i} gap={8} wrap align="center" data-testid={`bracket-band-${id}-${i}`}>
            <Typography.Text>{fieldLabel(node.by, locale)}</Typography.Text>
            <Select
              value={band.inclusive ? 'lte' : 'lt'}
              style={{ width: 70 }}
              options={[
                { value: 'lte', label: '≤' },
                { value: 'lt', label: '<' },
              ]}
              onChange={(v: string) => setBand(i, { ...band, inclusive: v === 'lte' })}
            />
            <InputNumber
              data-testid={`band-upto-${id}-${i}`}
              min={0}
              value={band.upTo}
              onChange={(n) => setBand(i, { ...band, upTo: n ?? 0 })}
              style={{ width: 170 }}
              addonAfter={unit(node.by)}
            />
            <Typography.Text>{zh ? '时，要求' : ': require'}</Typography.Text>
            <InputNumber
              data-testid={`band-threshold-${id}-${i}`}
              min={0}
              value={band.threshold}
              onChange={(n) => setBand(i, { ...band, threshold: n ?? 0 })}
              style={{ width: 130 }}
              addonAfter={unit(node.field)}
            />
            {node.bands.length > 1 && (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onChange({ ...node, bands: node.bands.filter((_, j) => j !== i) })}
                aria-label={zh ? '删除此档' : 'Remove band'}
              />
            )}
          </Flex>
        ))}
        <Flex gap={8} wrap align="center">
          <Typography.Text>{zh ? '更高时，要求' : 'Above every band, require'}</Typography.Text>
          <InputNumber
            data-testid={`bracket-otherwise-${id}`}
            min={0}
            value={node.otherwise}
            onChange={(n) => onChange({ ...node, otherwise: n ?? 0 })}
            style={{ width: 130 }}
            addonAfter={unit(node.field)}
          />
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              const last = node.bands[node.bands.length - 1];
              onChange({
                ...node,
                bands: [...node.bands, { upTo: (last?.upTo ?? 0) * 2 || 1, inclusive: true, threshold: node.otherwise }],
              });
            }}
          >
            {zh ? '加一档' : 'Add band'}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
