import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth.tsx';
import { useT } from '../app/i18n.ts';
import { LanguageSegmented } from '../app/LanguageSwitch.tsx';
import { PARTY_GOLD } from '../app/theme.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFormErrors } from '../ui/formErrors.ts';

interface LoginValues {
  username: string;
  password: string;
}

function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    // Only paths inside this app: never bounce to another origin after signing in.
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) return from;
  }
  return '/';
}

export function LoginPage() {
  const t = useT();
  const { status, login } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<LoginValues>();
  const errors = useFormErrors(form);
  const [submitting, setSubmitting] = useState(false);

  if (status === 'signedIn') return <Navigate to={returnPath(location.state)} replace />;

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    errors.clear();
    try {
      await login(values.username.trim(), values.password);
      void navigate(returnPath(location.state), { replace: true });
    } catch (err) {
      errors.show(err);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex className="ht-login-bg" vertical align="center" justify="center" style={{ padding: 16 }}>
      <Flex vertical align="center" gap={6} style={{ marginBottom: 20, color: '#fff', textAlign: 'center' }}>
        <span
          aria-hidden
          style={{
            width: 56,
            height: 56,
            borderRadius: '50%',
            background: PARTY_GOLD,
            color: '#a8071a',
            fontSize: 28,
            fontWeight: 700,
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          红
        </span>
        <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.9)', fontSize: 16 }}>{t('app.tagline')}</Typography.Text>
      </Flex>

      <Card style={{ width: '100%', maxWidth: 380 }} styles={{ body: { padding: 24 } }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} gap={8} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          <LanguageSegmented />
        </Flex>

        <ErrorAlert error={errors.error} fields={errors.unplaced} testId="login-error" />

        <Form<LoginValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          onValuesChange={() => errors.error && errors.clear()}
          data-testid="login-form"
          autoComplete="on"
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" data-testid="login-username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', marginTop: 20, fontSize: 12 }}>{t('login.footer')}</Typography.Text>
    </Flex>
  );
}
