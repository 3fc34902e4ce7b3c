import type { AuditLog } from '../contracts/stores';
import { AppError } from '../errors';
import { appendAudit } from './audit-log';
import { decodeAuditCursor, readAuditPage } from './audit-reader';

/** The audit log as daily JSON-lines files under DATA_DIR/audit (see `appendAudit`). */
export const fileAuditLog: AuditLog = {
  append: appendAudit,
  async readPage({ limit, before, signal }) {
    const cursor = before === undefined ? undefined : decodeAuditCursor(before);
    if (before !== undefined && !cursor) {
      throw new AppError('bad_request', { publicMessage: 'before is not a cursor from this API' });
    }
    return readAuditPage({ limit, before: cursor, signal });
  },
};

/** The audit log this process writes: the embedded files until a shared store is configured. */
export function getAuditLog(): AuditLog {
  return fileAuditLog;
}
