import { Card, message } from 'antd';
import type { ReactNode } from 'react';
import { useUser } from '../../app/auth.tsx';
import { useLocale } from '../../app/i18n.ts';
import type { Label } from '../../../domain/villages/field-work.ts';
import type { FieldHousehold, FieldRecord } from './api.ts';
import { useMyHouseholds } from './households.ts';
import { useFieldQueue } from './queue.ts';
import { SyncBar } from './SyncBar.tsx';

export interface FieldFormContext {
  households: readonly FieldHousehold[];
  /** Queues the record (with a fresh client id) and starts a sync; the form resets after. */
  submit: (record: DistributiveOmit<FieldRecord, 'clientId'>) => void;
  label: (l: Label) => string;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** The frame of the three record forms: the sync bar above, the queue behind the save button. */
export function FieldFormFrame({
  title,
  savedText,
  children,
}: {
  title: string;
  savedText: string;
  children: (ctx: FieldFormContext) => ReactNode;
}) {
  const user = useUser();
  const { locale } = useLocale();
  const queue = useFieldQueue(user.id);
  const { households } = useMyHouseholds(user.id);
  const [toast, holder] = message.useMessage();
  const ctx: FieldFormContext = {
    households: households ?? [],
    // The id is made here, once per submission, so every resend of this record is recognised as the same one.
    submit: (record) => {
      queue.enqueue({ ...record, clientId: crypto.randomUUID() } as FieldRecord);
      void toast.success(savedText);
    },
    label: (l) => l[locale],
  };
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      {holder}
      <SyncBar queue={queue} />
      <Card size="small" title={title}>
        {children(ctx)}
      </Card>
    </div>
  );
}
