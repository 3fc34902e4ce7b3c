import { errorResponse } from '@/lib/http/error-response';
import { parseJsonBody } from '@/lib/http/parse-request';
import { feedbackRequestSchema, saveFeedback } from '@/lib/metrics/feedback-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Stores a thumbs up/down (and optional comment) on a recorded turn; 404 for an unknown turnId. */
export async function POST(request: Request): Promise<Response> {
  try {
    const feedback = saveFeedback(await parseJsonBody(request, feedbackRequestSchema));
    return Response.json(feedback);
  } catch (error) {
    return errorResponse(error, { route: '/api/feedback' });
  }
}
