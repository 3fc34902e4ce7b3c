import 'highlight.js/styles/github-dark.min.css';
import type { ComponentProps } from 'react';
import Markdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { citationIndexFromHref, remarkCitations } from '@/lib/chat-ui/remark-citations';
import type { SourcePart } from '@/lib/contracts/ui-message';
import { CitationButton } from './citation-button';

interface MarkdownContentProps {
  text: string;
  /** When given, `[n]` markers become buttons that open source n. */
  sources?: SourcePart[];
  onOpenSource?: (source: SourcePart) => void;
}

// Raw HTML in the text is never rendered as HTML (no rehype-raw): react-markdown shows it as text.
function SafeLink({ href, children }: ComponentProps<'a'>) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

// Images could load third-party URLs from document text, so they are shown as links instead.
function ImageAsLink({ src, alt }: ComponentProps<'img'>) {
  if (typeof src !== 'string' || !src) return <span>{alt}</span>;
  return (
    <a href={src} target="_blank" rel="noopener noreferrer nofollow">
      {alt || 'image'}
    </a>
  );
}

/** Renders answer or passage markdown safely: GFM, highlighted code, clickable citations. */
export function MarkdownContent({ text, sources, onOpenSource }: MarkdownContentProps) {
  const components: Components = {
    a: ({ href, children }) => {
      const index = citationIndexFromHref(href);
      if (index === undefined) return <SafeLink href={href}>{children}</SafeLink>;
      const source = sources?.find((candidate) => candidate.index === index);
      if (!source || !onOpenSource) return <span>[{index}]</span>;
      return <CitationButton source={source} onOpen={onOpenSource} />;
    },
    img: ImageAsLink,
  };
  return (
    <div className="markdown">
      <Markdown
        remarkPlugins={sources ? [remarkGfm, remarkCitations] : [remarkGfm]}
        rehypePlugins={[[rehypeHighlight, { detect: false }]]}
        components={components}
      >
        {text}
      </Markdown>
    </div>
  );
}
