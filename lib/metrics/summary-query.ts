import { z } from 'zod';
import type { MetricWindowKey } from '../contracts/dashboard';
import { AppError } from '../errors';
import { metricWindowKeys } from './metric-windows';

const filterValue = z
  .string()
  .trim()
  .max(200, 'is too long')
  .optional()
  .transform((value) => (value ? value : undefined));

const schema = z.object({
  window: z
    .enum(metricWindowKeys as [MetricWindowKey, ...MetricWindowKey[]], {
      errorMap: () => ({ message: `must be one of ${metricWindowKeys.join(', ')}` }),
    })
    .default('1h'),
  status: filterValue,
  route: filterValue,
  model: filterValue,
});

export type SummaryQuery = z.infer<typeof schema>;

/** Reads `?window=&status=&route=&model=`; anything invalid is a 400 naming the parameter. */
export function parseSummaryQuery(searchParams: URLSearchParams): SummaryQuery {
  const result = schema.safeParse(Object.fromEntries(searchParams));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('bad_request', { publicMessage: `${issue.path.join('.')} ${issue.message}` });
  }
  return result.data;
}
