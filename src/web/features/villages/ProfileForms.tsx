import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { villagesApi, type VillageDetail } from './api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { CHAIN_LEVEL, POST_KIND, labelOptions } from './labels.ts';
import { PartySelect } from './PartySelect.tsx';

interface Props {
  village: VillageDetail;
  zh: boolean;
  onDone: () => void;
}
type Post = VillageDetail['posts'][number];
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const optional = (s: string | undefined) => (s?.trim() ? s : undefined);

/** VIL-1 a new 党员先锋岗 or 示范岗 of the village, with its duty and public commitment. */
export function PostModal({ village, zh, onDone }: Props) {
  type Values = { kind: keyof typeof POST_KIND; name: string; duty?: string; commitment?: string };
  return (
    <FormModal<Values>
      title={zh ? '新设岗位' : 'New post'}
      trigger={zh ? '新设岗位' : 'New post'}
      triggerTestId="village-add-post"
      formTestId="village-post-form"
      okText={zh ? '保存' : 'Save'}
      initialValues={{ kind: 'pioneer_post' }}
      onSubmit={(v) =>
        villagesApi.addPost(village.regionCode, {
          kind: v.kind,
          name: v.name,
          duty: optional(v.duty),
          commitment: optional(v.commitment),
        })
      }
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="kind" label={zh ? '类型' : 'Kind'}>
            <Select options={labelOptions(POST_KIND, zh)} />
          </Form.Item>
          <Form.Item name="name" label={zh ? '岗位名称' : 'Name'} rules={[{ required: true, message: zh ? '请填写岗位名称' : 'Required' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="duty" label={zh ? '职责' : 'Duty'}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="commitment" label={zh ? '承诺' : 'Commitment'}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** VIL-1 a party member takes up a post (上岗) from a date; the earlier holders stay on record. */
export function HolderModal({ village, post, zh, onDone }: Props & { post: Post }) {
  type Values = { personId: string; since: Dayjs };
  return (
    <FormModal<Values>
      title={`${post.name} · ${zh ? '上岗' : 'Take up the post'}`}
      trigger={zh ? '上岗' : 'Add holder'}
      triggerTestId={`village-post-holder-${post.id}`}
      inline
      danger={false}
      okText={zh ? '保存' : 'Save'}
      initialValues={{ since: dayjs() }}
      onSubmit={(v) => villagesApi.addHolder(village.regionCode, post.id, { personId: v.personId, since: v.since.format('YYYY-MM-DD') })}
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="personId" label={zh ? '党员' : 'Member'} rules={[{ required: true, message: zh ? '请选择党员' : 'Required' }]}>
            <PartySelect kind="person" placeholder={zh ? '输入姓名搜索' : 'Search by name'} />
          </Form.Item>
          <Form.Item name="since" label={zh ? '上岗日期' : 'Since'} rules={[{ required: true, message: zh ? '请选择日期' : 'Required' }]}>
            <DatePicker />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** VIL-1 a link of the five-level chain: a person, an organisation (a paired department) or both, with the duty. */
export function ChainModal({ village, zh, onDone }: Props) {
  type Values = {
    level: keyof typeof CHAIN_LEVEL;
    personId?: string | null;
    organisationId?: string | null;
    duty?: string;
    since?: Dayjs;
  };
  return (
    <FormModal<Values>
      title={zh ? '添加责任链条目' : 'Add a link'}
      trigger={zh ? '添加责任人' : 'Add a link'}
      triggerTestId="village-add-chain"
      formTestId="village-chain-form"
      okText={zh ? '保存' : 'Save'}
      initialValues={{ level: 'county_leader' }}
      // Either party will do; the server names the person field when both are empty (field.responsibility_party_required).
      onSubmit={(v) =>
        villagesApi.addChainLink(village.regionCode, {
          level: v.level,
          personId: v.personId ?? null,
          organisationId: v.organisationId ?? null,
          duty: optional(v.duty),
          since: day(v.since),
        })
      }
      onDone={onDone}
    >
      {() => (
        <>
          <Form.Item name="level" label={zh ? '层级' : 'Level'}>
            <Select options={labelOptions(CHAIN_LEVEL, zh)} />
          </Form.Item>
          <Form.Item name="personId" label={zh ? '责任人' : 'Person'}>
            <PartySelect kind="person" placeholder={zh ? '输入姓名搜索' : 'Search by name'} />
          </Form.Item>
          <Form.Item name="organisationId" label={zh ? '单位' : 'Organisation'}>
            <PartySelect kind="organisation" placeholder={zh ? '输入单位名称搜索' : 'Search by name'} />
          </Form.Item>
          <Form.Item name="duty" label={zh ? '职责' : 'Duty'}>
            <Input />
          </Form.Item>
          <Form.Item name="since" label={zh ? '起始日期' : 'Since'}>
            <DatePicker />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
