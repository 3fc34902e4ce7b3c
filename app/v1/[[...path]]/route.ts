import { openAIErrorResponse } from '@/lib/http/error-response';
import { unknownRoute } from '@/lib/http/unknown-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Any /v1 path no route serves: a 404 in OpenAI's error shape, whatever the method. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownRoute(openAIErrorResponse);
