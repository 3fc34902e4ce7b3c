import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { parseJsonBody } from '@/lib/http/parse-request';
import { feedbackRequestSchema, getFeedbackStore } from '@/lib/metrics/feedback-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/feedback', ['POST']);

/** Stores a thumbs up/down (and optional comment) on a recorded turn; 404 for an unknown turnId. */
export async function POST(request: Request): Promise<Response> {
  try {
    const feedback = await getFeedbackStore().save(
      await parseJsonBody(request, feedbackRequestSchema),
      Date.now(),
    );
    return Response.json(feedback);
  } catch (error) {
    return errorResponse(error, { route: '/api/feedback' });
  }
}
