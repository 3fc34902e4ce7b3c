import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { LogoutButton } from '@/components/admin/logout-button';
import { adminSessionCookie } from '@/lib/auth/admin-session';
import { adminProtectionEnabled } from '@/lib/auth/admin-token';
import { isAdminSession } from '@/lib/auth/require-admin';

/**
 * Guards the dashboard: with an admin token (`ADMIN_TOKEN`, or the one generated in production),
 * no valid admin session means a redirect to the login page. The dashboard's data APIs check the same session on every request.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  if (!adminProtectionEnabled()) return children;
  const session = (await cookies()).get(adminSessionCookie)?.value;
  if (!isAdminSession(session)) redirect('/login?next=/dashboard');
  return (
    <>
      <div className="flex items-center justify-end gap-2 border-b border-slate-200 bg-white px-4 py-1 text-xs text-slate-500">
        Signed in as admin
        <LogoutButton />
      </div>
      {children}
    </>
  );
}
