'use client';

import { useState } from 'react';

/** Ends the admin session (DELETE /api/login clears the cookie) and returns to the login page. */
export function LogoutButton() {
  const [pending, setPending] = useState(false);
  async function logout() {
    setPending(true);
    try {
      await fetch('/api/login', { method: 'DELETE' });
    } finally {
      window.location.assign('/login');
    }
  }
  return (
    <button
      type="button"
      onClick={logout}
      disabled={pending}
      data-testid="logout-button"
      className="rounded-lg px-2.5 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-50"
    >
      Log out
    </button>
  );
}
