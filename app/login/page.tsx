import type { Metadata } from 'next';
import { LoginForm } from '@/components/admin/login-form';
import { signInErrors } from '@/lib/auth/admin-login';
import { adminProtectionEnabled } from '@/lib/auth/admin-token';
import { safeReturnPath } from '@/lib/auth/safe-return-path';

export const metadata: Metadata = { title: 'Admin login · Docs Chat' };

/** The message for `?error=` from a refused sign-in link; only known codes are shown, never the URL's text. */
function signInError(value: string | string[] | undefined): string | undefined {
  const code = Array.isArray(value) ? value[0] : value;
  return code && Object.hasOwn(signInErrors, code)
    ? signInErrors[code as keyof typeof signInErrors]
    : undefined;
}

/**
 * The admin login form; the token is checked by POST /api/login and never stored in the browser.
 * The start-up sign-in link (`/login?token=...`) is answered by /api/login/link instead.
 */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const next = safeReturnPath(query.next);
  const error = signInError(query.error);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Admin login</h1>
        {adminProtectionEnabled() ? (
          <>
            <p className="mt-1 text-sm text-slate-600">
              The dashboard and admin APIs need the admin token: <code>ADMIN_TOKEN</code>, or the one in the
              sign-in link printed when the server started.
            </p>
            {error ? (
              <p role="alert" className="mt-3 text-sm text-rose-700" data-testid="sign-in-link-error">
                {error}
              </p>
            ) : null}
            <LoginForm next={next} />
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600" data-testid="login-not-required">
            No admin token is configured, so no login is needed.{' '}
            <a href={next} className="font-medium text-indigo-600 hover:underline">
              Continue
            </a>
          </p>
        )}
        <p className="mt-6 text-sm">
          <a href="/" className="text-slate-500 hover:text-slate-900">
            ← Back to the chat
          </a>
        </p>
      </div>
    </main>
  );
}
