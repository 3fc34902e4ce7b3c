/**
 * Where to go after logging in: a path on this site only. Anything else (absolute URLs,
 * `//host` protocol-relative URLs, backslash tricks) becomes `/dashboard`, so the login page
 * cannot be used as an open redirect.
 */
export function safeReturnPath(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate?.startsWith('/') || candidate.startsWith('//') || /[\\\s]/.test(candidate)) {
    return '/dashboard';
  }
  return candidate;
}
