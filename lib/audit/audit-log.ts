import type { AuditEntry } from '../contracts/audit-event';
import { writeAggregated } from './audit-aggregate';
import { boundAuditEntry } from './audit-fields';

export type { AuditEntry, AuditEvent, AuditResult } from '../contracts/audit-event';
export { auditDirectory } from './audit-files';
export { readAuditEvents } from './audit-reader';

/**
 * Appends an event to the audit log (JSON lines under DATA_DIR/audit, never rewritten).
 * Every text field is bounded and cleaned, and the line is at most a few KB, so what a
 * client sends cannot grow the log faster than the actions it takes; repeated identical
 * failures by one client are folded into one summary line (see `writeAggregated`). Files
 * rotate by size and month, and only the newest AUDIT_MAX_FILES + 1 are kept.
 * Never throws: failures are logged and shown by the health check.
 */
export function appendAudit(event: AuditEntry, now = new Date()): void {
  writeAggregated(boundAuditEntry(event, now), now);
}
