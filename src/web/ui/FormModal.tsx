import { Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useFormErrors } from './formErrors.ts';

export interface FormModalProps<T> {
  title: ReactNode;
  /** The button that opens the modal. */
  trigger: ReactNode;
  triggerTestId?: string;
  /** A small link-style trigger, for a table row. */
  inline?: boolean;
  /** A red trigger, for a step with consequences (raising a matter); an inline trigger is red unless told otherwise. */
  danger?: boolean;
  formTestId?: string;
  initialValues?: Partial<T>;
  okText: string;
  children: (form: FormInstance<T>) => ReactNode;
  /** Sends the form; a rejected promise shows the server's field messages next to the fields and keeps the modal open. */
  onSubmit: (values: T) => Promise<unknown>;
  onDone?: () => void;
}

/** A button opening a modal form that posts once and reports field errors in place (SEC-3). */
export function FormModal<T extends object>(props: FormModalProps<T>) {
  const { title, trigger, triggerTestId, inline, danger = inline, formTestId, initialValues, okText, children, onSubmit, onDone } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<T>();
  const errors = useFormErrors(form);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    errors.clear();
    try {
      await onSubmit(values);
      setOpen(false);
      onDone?.();
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };
  // When every message stands beside its field the alert adds only the status's generic wording
  // (a 409 reads "modified by someone else" for a duplicate name), so it is kept for what no field shows.
  const placedAll = errors.error instanceof ApiError && errors.error.fields.length > 0 && errors.unplaced.length === 0;
  return (
    <>
      <Button
        type={inline ? 'link' : 'primary'}
        size={inline ? 'small' : 'middle'}
        danger={danger}
        onClick={() => setOpen(true)}
        data-testid={triggerTestId}
      >
        {trigger}
      </Button>
      <Modal
        title={title}
        open={open}
        okText={okText}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        okButtonProps={formTestId ? { 'data-testid': `${formTestId}-ok` } : {}}
        destroyOnHidden
      >
        <ErrorAlert error={placedAll ? null : errors.error} fields={errors.unplaced} />
        <Form<T> form={form} layout="vertical" initialValues={initialValues} data-testid={formTestId} preserve={false}>
          {children(form)}
        </Form>
      </Modal>
    </>
  );
}
