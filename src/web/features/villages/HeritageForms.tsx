import { DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { villagesApi, type HeritageList, type SiteList } from './api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { LISTING, SITE_KIND, labelOptions } from './labels.ts';
import { PartySelect } from './PartySelect.tsx';

type Level = keyof typeof LISTING;
type RegionOption = { value: string; label: string };
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
// Optional text the server trims: an empty box is left out rather than sent as ''.
const optional = (s: string | undefined) => (s?.trim() ? s : undefined);

/** VIL-4 a new intangible heritage item, placed in a village or (for the county) in the county itself. */
export function HeritageItemModal({ regions, zh, onDone }: { regions: RegionOption[]; zh: boolean; onDone: () => void }) {
  type Values = { regionCode: string; name: string; category: string; level: Level; listedYear?: number; description?: string };
  return (
    <FormModal<Values>
      title={zh ? '新增非遗项目' : 'New heritage item'}
      trigger={zh ? '新增非遗项目' : 'New item'}
      triggerTestId="heritage-add-item"
      formTestId="heritage-item-form"
      okText={zh ? '保存' : 'Save'}
      initialValues={{ level: 'county', ...(regions.length === 1 ? { regionCode: regions[0]?.value } : {}) }}
      onSubmit={(v) =>
        villagesApi.addHeritageItem({
          regionCode: v.regionCode,
          name: v.name,
          category: v.category,
          level: v.level,
          listedYear: v.listedYear ?? null,
          description: optional(v.description),
        })
      }
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item
            name="regionCode"
            label={zh ? '所属区域' : 'Region'}
            rules={[{ required: true, message: zh ? '请选择区域' : 'Required' }]}
          >
            <Select showSearch optionFilterProp="label" options={regions} />
          </Form.Item>
          <Form.Item name="name" label={zh ? '项目名称' : 'Name'} rules={[{ required: true, message: zh ? '请填写项目名称' : 'Required' }]}>
            <Input data-testid="heritage-item-name" />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="category"
              label={zh ? '类别' : 'Category'}
              rules={[{ required: true, message: zh ? '请填写类别' : 'Required' }]}
            >
              <Input
                style={{ width: 160 }}
                placeholder={zh ? '如：传统音乐' : 'e.g. traditional music'}
                data-testid="heritage-item-category"
              />
            </Form.Item>
            <Form.Item name="level" label={zh ? '级别' : 'Level'}>
              <Select style={{ width: 120 }} options={labelOptions(LISTING, zh)} />
            </Form.Item>
            <Form.Item name="listedYear" label={zh ? '列入年份' : 'Listed in'}>
              <InputNumber min={1949} max={2200} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={zh ? '简介' : 'Description'}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** VIL-4 an inheritor (传承人) of an item, optionally linked to a person of the registry. */
export function InheritorModal({ item, zh, onDone }: { item: HeritageList['items'][number]; zh: boolean; onDone: () => void }) {
  type Values = { name: string; level: Level; sinceYear?: number; personId?: string | null };
  return (
    <FormModal<Values>
      title={`${item.name} · ${zh ? '添加传承人' : 'Add an inheritor'}`}
      trigger={zh ? '添加传承人' : 'Add inheritor'}
      triggerTestId={`heritage-add-inheritor-${item.id}`}
      formTestId="heritage-inheritor-form"
      inline
      danger={false}
      okText={zh ? '保存' : 'Save'}
      initialValues={{ level: item.level }}
      onSubmit={(v) =>
        villagesApi.addInheritor(item.id, { name: v.name, level: v.level, sinceYear: v.sinceYear ?? null, personId: v.personId ?? null })
      }
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="name" label={zh ? '姓名' : 'Name'} rules={[{ required: true, message: zh ? '请填写姓名' : 'Required' }]}>
            <Input data-testid="heritage-inheritor-name" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="level" label={zh ? '级别' : 'Level'}>
              <Select style={{ width: 120 }} options={labelOptions(LISTING, zh)} />
            </Form.Item>
            <Form.Item name="sinceYear" label={zh ? '认定年份' : 'Since'}>
              <InputNumber min={1949} max={2200} />
            </Form.Item>
          </Space>
          <Form.Item name="personId" label={zh ? '对应人员（可选）' : 'Person (optional)'}>
            <PartySelect kind="person" placeholder={zh ? '输入姓名搜索' : 'Search by name'} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** VIL-4 a tourism site of a village (纪念馆, 红色教育基地, 古村落 …). */
export function SiteModal({ villages, zh, onDone }: { villages: RegionOption[]; zh: boolean; onDone: () => void }) {
  type Values = { regionCode: string; name: string; kind: keyof typeof SITE_KIND; openedOn?: Dayjs; description?: string };
  return (
    <FormModal<Values>
      title={zh ? '新增旅游点' : 'New tourism site'}
      trigger={zh ? '新增旅游点' : 'New site'}
      triggerTestId="tourism-add-site"
      formTestId="tourism-site-form"
      okText={zh ? '保存' : 'Save'}
      initialValues={{ kind: 'red_education', ...(villages.length === 1 ? { regionCode: villages[0]?.value } : {}) }}
      onSubmit={(v) =>
        villagesApi.addSite({
          regionCode: v.regionCode,
          name: v.name,
          kind: v.kind,
          openedOn: day(v.openedOn),
          description: optional(v.description),
        })
      }
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="regionCode" label={zh ? '村' : 'Village'} rules={[{ required: true, message: zh ? '请选择村' : 'Required' }]}>
            <Select showSearch optionFilterProp="label" options={villages} />
          </Form.Item>
          <Form.Item name="name" label={zh ? '名称' : 'Name'} rules={[{ required: true, message: zh ? '请填写名称' : 'Required' }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={zh ? '类型' : 'Kind'}>
              <Select style={{ width: 160 }} options={labelOptions(SITE_KIND, zh)} />
            </Form.Item>
            <Form.Item name="openedOn" label={zh ? '开放日期' : 'Opened on'}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={zh ? '简介' : 'Description'}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** VIL-4 a guide (讲解员) of a site, optionally linked to a person of the registry. */
export function GuideModal({ site, zh, onDone }: { site: SiteList['items'][number]; zh: boolean; onDone: () => void }) {
  type Values = { name: string; since?: Dayjs; personId?: string | null };
  return (
    <FormModal<Values>
      title={`${site.name} · ${zh ? '添加讲解员' : 'Add a guide'}`}
      trigger={zh ? '添加讲解员' : 'Add guide'}
      triggerTestId={`tourism-add-guide-${site.id}`}
      inline
      danger={false}
      okText={zh ? '保存' : 'Save'}
      onSubmit={(v) => villagesApi.addGuide(site.id, { name: v.name, since: day(v.since), personId: v.personId ?? null })}
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="name" label={zh ? '姓名' : 'Name'} rules={[{ required: true, message: zh ? '请填写姓名' : 'Required' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="since" label={zh ? '上岗日期' : 'Since'}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="personId" label={zh ? '对应人员（可选）' : 'Person (optional)'}>
            <PartySelect kind="person" placeholder={zh ? '输入姓名搜索' : 'Search by name'} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
