import { Alert, Button, Form, Input } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { useAuth } from './auth';
import { errorMessage } from './errors';
import { LanguageSwitch } from './LanguageSwitch';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage({ appName }: { appName?: ReactNode }) {
  const { t } = useTranslation('common');
  const { signIn, state } = useAuth();
  const expired = state.status === 'anonymous' && state.expired;
  const [form] = Form.useForm<LoginValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: LoginValues) {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 401) setError(t('login.invalidCredentials'));
      else if (cause instanceof ApiError && cause.status === 429) setError(t('login.lockedOut'));
      else if (cause instanceof ApiError && cause.status === 422) setError(t('login.failed'));
      else setError(errorMessage(cause, t));
      form.setFieldValue('password', '');
      setSubmitting(false);
    }
  }

  return (
    <main id="dd-main" className="dd-login" tabIndex={-1}>
      <div className="dd-login-language">
        <LanguageSwitch />
      </div>
      <section className="dd-panel dd-login-card" aria-labelledby="dd-login-title">
        <div className="dd-login-brand">
          <p className="dd-login-product">
            {t('productName')}
            {appName ? <span className="dd-brand-app">{appName}</span> : null}
          </p>
          <p className="dd-secondary">{t('productTagline')}</p>
        </div>
        <h1 id="dd-login-title" className="dd-login-title">
          {t('login.title')}
        </h1>
        {error ? (
          <Alert className="dd-login-error" type="error" showIcon title={error} />
        ) : expired ? (
          <Alert className="dd-login-error" type="info" showIcon title={t('login.sessionExpired')} />
        ) : null}
        <Form<LoginValues>
          form={form}
          name="login"
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </section>
    </main>
  );
}
