import { errorResponse } from '@/lib/http/error-response';
import { otherMethods } from '@/lib/http/method-not-allowed';
import { listCollections } from '@/lib/retrieval/retrieve';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('/api/collections', ['GET']);

/** The searchable collections, for the collection picker: `{ collections: CollectionInfo[] }`. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(
      { collections: await listCollections() },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error, { route: '/api/collections' });
  }
}
