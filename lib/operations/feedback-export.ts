import { z } from 'zod';
import { getAuditLog } from '../audit/file-audit-log';
import { AppError } from '../errors';
import { prepared } from '../metrics/metrics-db';

const maxRows = 10_000;

const querySchema = z.object({
  format: z.enum(['json', 'csv'], { errorMap: () => ({ message: 'must be json or csv' }) }).default('json'),
  days: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(366, 'must be at most 366')
    .default(30),
});

export type FeedbackExportQuery = z.infer<typeof querySchema>;

/** Reads `?format=json|csv&days=N`; anything invalid is a 400 naming the parameter. */
export function parseFeedbackExportQuery(searchParams: URLSearchParams): FeedbackExportQuery {
  const result = querySchema.safeParse(Object.fromEntries(searchParams));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('bad_request', { publicMessage: `${issue.path.join('.')} ${issue.message}` });
  }
  return result.data;
}

/** One rated answer, as exported: the rating with the (redacted) question and what answered it. */
export interface FeedbackExportRow {
  turnId: string;
  ratedAt: string;
  rating: 'up' | 'down';
  comment: string;
  askedAt: string;
  question: string;
  model: string;
  route: string;
  status: string;
  sources: string;
}

interface StoredRow {
  turn_id: string;
  updated_at: number;
  rating: 'up' | 'down';
  comment: string | null;
  started_at: number;
  question: string | null;
  model: string;
  route: string;
  status: string;
  sources: string;
}

function sourceList(json: string): string {
  try {
    const sources = JSON.parse(json) as { collection?: string; source?: string }[];
    return sources.map((source) => `${source.collection}:${source.source}`).join(' ');
  } catch {
    return '';
  }
}

/** Rated answers of the last `days` days, newest rating first (at most 10,000). */
export function listFeedbackForExport(days: number, now = Date.now()): FeedbackExportRow[] {
  const rows = prepared(
    `SELECT f.turn_id, f.updated_at, f.rating, f.comment, t.started_at, t.question, t.model, t.route,
            t.status, t.sources
       FROM feedback f JOIN turns t ON t.id = f.turn_id
      WHERE f.updated_at >= ?
      ORDER BY f.updated_at DESC
      LIMIT ${maxRows}`,
  ).all(now - days * 86_400_000) as StoredRow[];
  return rows.map((row) => ({
    turnId: row.turn_id,
    ratedAt: new Date(row.updated_at).toISOString(),
    rating: row.rating,
    comment: row.comment ?? '',
    askedAt: new Date(row.started_at).toISOString(),
    question: row.question ?? '',
    model: row.model,
    route: row.route,
    status: row.status,
    sources: sourceList(row.sources),
  }));
}

const columns: (keyof FeedbackExportRow)[] = [
  'turnId',
  'ratedAt',
  'rating',
  'comment',
  'askedAt',
  'question',
  'model',
  'route',
  'status',
  'sources',
];

/**
 * A CSV cell: quoted when needed, and with a leading apostrophe when it starts like a formula,
 * so a spreadsheet opening the export never evaluates user-written text.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV with a header line. */
export function feedbackCsv(rows: FeedbackExportRow[]): string {
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The export as a download, audited as an admin action. */
export function feedbackExportResponse(
  query: FeedbackExportQuery,
  who: { actor: string; ip: string },
): Response {
  const rows = listFeedbackForExport(query.days);
  getAuditLog().append({
    ...who,
    action: 'feedback.export',
    result: 'ok',
    details: { format: query.format, days: query.days, rows: rows.length },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const headers = {
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="feedback-${stamp}.${query.format}"`,
  };
  if (query.format === 'csv') {
    return new Response(feedbackCsv(rows), {
      headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
    });
  }
  return Response.json({ feedback: rows }, { headers });
}
