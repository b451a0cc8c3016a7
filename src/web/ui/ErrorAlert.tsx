import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.ts';
import type { FieldError } from '../api/types.ts';
import { useT, type Translate } from '../app/i18n.ts';

export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    if (error.code === 'network') return t('error.network');
    return t('error.badResponse');
  }
  return t('error.badResponse');
}

export interface ErrorAlertProps {
  error: unknown;
  /** Field messages that no form field shows; listed under the message. */
  fields?: FieldError[];
  onRetry?: () => void;
  testId?: string;
}

/** The server's message for a failed request, in the user's language, with what the form could not place. */
export function ErrorAlert({ error, fields, onRetry, testId }: ErrorAlertProps) {
  const t = useT();
  if (!error) return null;
  const extra = fields ?? [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId ?? 'error-alert'}
      style={{ marginBottom: 16 }}
      title={errorMessage(error, t)}
      description={
        extra.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {extra.map((f) => (
              <li key={f.path + f.message}>{f.message}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
