import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { parseJsonBody } from '@/lib/http/parse-request';
import { feedbackRequestSchema, saveFeedback } from '@/lib/metrics/feedback-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/feedback', ['POST']);

/** Stores a thumbs up/down (and optional comment) on a recorded turn; 404 for an unknown turnId. */
export async function POST(request: Request): Promise<Response> {
  try {
    const feedback = saveFeedback(await parseJsonBody(request, feedbackRequestSchema));
    return Response.json(feedback);
  } catch (error) {
    return errorResponse(error, { route: '/api/feedback' });
  }
}
