import { configuredEmbedderProvider, loadCollection } from '@/lib/retrieval/load-collection';
import { searchVectorIndex } from '@/lib/retrieval/vector-index';
import { tokenize } from '@/lib/text/tokenize';

void (async () => {
  const [q, name = 'python'] = process.argv.slice(2);
  const c = await loadCollection(name, configuredEmbedderProvider());
  console.log(tokenize(q));
  const lex = c.lexical.search(tokenize(q), 10);
  console.log('BM25:');
  for (const h of lex)
    console.log(
      ' ',
      h.score.toFixed(2),
      c.chunks[h.index].source,
      '#',
      c.chunks[h.index].heading.slice(0, 70),
    );
  const v = await c.embedder.embedQuery(q);
  console.log('dense:');
  for (const h of searchVectorIndex(c.vectors, v, 10))
    console.log(' ', c.chunks[h.index].source, '#', c.chunks[h.index].heading.slice(0, 70));
})();
