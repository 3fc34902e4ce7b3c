'use client';

import { useEffect, useState } from 'react';
import type { CollectionInfo } from '@/lib/contracts/retrieval';

function isCollectionInfo(value: unknown): value is CollectionInfo {
  return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string';
}

// Accepts a bare array or `{ collections: [...] }`, so the picker does not break on either shape.
function readCollections(body: unknown): CollectionInfo[] {
  const list = typeof body === 'object' && body !== null && 'collections' in body ? body.collections : body;
  return Array.isArray(list) ? list.filter(isCollectionInfo) : [];
}

/** The collections the user can pin, loaded once from `GET /api/collections`. */
export function useCollections(): { collections: CollectionInfo[]; failed: boolean } {
  const [collections, setCollections] = useState<CollectionInfo[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/collections', { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`collections: ${response.status}`);
        setCollections(readCollections(await response.json()));
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, []);

  return { collections, failed };
}
