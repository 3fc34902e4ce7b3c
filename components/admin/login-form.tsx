'use client';

import { type FormEvent, useState } from 'react';

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `Login failed (HTTP ${response.status}).`;
  } catch {
    return `Login failed (HTTP ${response.status}).`;
  }
}

/** Sends the token to POST /api/login, which answers with a session cookie; then goes to `next`. */
export function LoginForm({ next }: { next: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (!response.ok) {
        setError(await errorMessage(response));
        return;
      }
      setToken('');
      window.location.assign(next);
    } catch {
      setError('Could not reach the server. Please try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-4 space-y-3" data-testid="login-form">
      <label className="block text-sm font-medium text-slate-700" htmlFor="admin-token">
        Admin token
      </label>
      <input
        id="admin-token"
        name="token"
        type="password"
        autoComplete="current-password"
        required
        value={token}
        onChange={(event) => setToken(event.target.value)}
        data-testid="login-token"
        className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
      />
      {error ? (
        <p role="alert" className="text-sm text-rose-700" data-testid="login-error">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending || !token}
        data-testid="login-submit"
        className="w-full rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50"
      >
        {pending ? 'Checking…' : 'Log in'}
      </button>
    </form>
  );
}
