import { unknownRoute } from '@/lib/http/unknown-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Any /api path no route serves: a JSON 404, whatever the method. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownRoute();
