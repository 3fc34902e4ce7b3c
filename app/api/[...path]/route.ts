import { unknownRoute } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Any /api path no route serves: a JSON 404, whatever the method. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownRoute();
