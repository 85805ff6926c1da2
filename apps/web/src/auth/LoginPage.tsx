import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, errorMessage, setCsrfToken } from '../lib/api.ts';
import type { MeT } from '../lib/types.ts';
import { ME_KEY } from './session.tsx';
import { Field } from '../lib/forms.tsx';

export function LoginPage() {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState('');
  // Filled only when the server says this email has accounts in several companies.
  const [companies, setCompanies] = useState<string[] | null>(null);

  const login = useMutation({
    mutationFn: () =>
      api.post<MeT>('/auth/login', { email, password, ...(companies && tenant ? { tenant } : {}) }),
    onSuccess: (me) => {
      setCsrfToken(me.csrf_token);
      // App swaps to the signed-in routes, whose /login route forwards to location.state.from.
      client.setQueryData(ME_KEY, me);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field === 'tenant' && Array.isArray(error.details.tenants)) {
        const slugs = error.details.tenants.map(String);
        setCompanies(slugs);
        setTenant((current) => (slugs.includes(current) ? current : ''));
      }
    },
  });

  const needsCompany = companies !== null && !tenant;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!needsCompany) login.mutate();
  };
  const error = login.error;
  const companyPrompt = error instanceof ApiError && error.field === 'tenant';

  return (
    <main id="main" className="login-page">
      <form className="login-card" onSubmit={onSubmit} aria-labelledby="login-title">
        <h1 id="login-title">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>{' '}
          Sign in to Duely
        </h1>
        <Field label="Email">
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the login page has one job; start at its first field
            autoFocus
          />
        </Field>
        <Field label="Password">
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {companies && (
          <Field label="Company" hint="This email has accounts in several companies.">
            <select value={tenant} onChange={(e) => setTenant(e.target.value)} required>
              <option value="">Choose a company…</option>
              {companies.map((slug) => (
                <option key={slug} value={slug}>
                  {slug}
                </option>
              ))}
            </select>
          </Field>
        )}
        {error && !companyPrompt && (
          <p className="banner error" role="alert">
            {error instanceof ApiError && error.status === 401
              ? 'Wrong email or password.'
              : errorMessage(error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={login.isPending || needsCompany}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
