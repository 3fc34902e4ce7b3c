import {
  maxCodeBlocks,
  maxProseChars,
  maxSentences,
  minimumFocusProse,
  relativeCutoff,
  secondaryCutoff,
} from './local-answer-constants';
import type { ScoredUnit } from './local-unit-scoring';

/**
 * Picks the units to quote from the chosen passages (the first is the focus): the best
 * scoring ones within the length limits, at most one code block (from the focus passage when
 * it has relevant code, since its example fits its prose), at least some prose from the focus
 * passage, and the sentence introducing each quoted code block.
 */
export function selectUnits(units: ScoredUnit[], passages: number[]): ScoredUnit[] {
  const [focus] = passages;
  const focusHasCode = units.some((unit) => unit.passage === focus && unit.kind === 'code' && unit.score > 0);
  const candidates = units.filter(
    (unit) =>
      passages.includes(unit.passage) &&
      unit.score > 0 &&
      (unit.kind !== 'code' || !focusHasCode || unit.passage === focus),
  );
  const best = Math.max(...candidates.map((unit) => unit.score));
  const ranked = candidates
    .filter((unit) => unit.score >= best * (unit.passage === focus ? relativeCutoff : secondaryCutoff))
    .sort((a, b) => b.score - a.score);
  const selected: ScoredUnit[] = [];
  let proseChars = 0;
  let codeBlocks = 0;
  for (const unit of ranked) {
    if (unit.kind === 'code') {
      if (codeBlocks < maxCodeBlocks) {
        selected.push(unit);
        codeBlocks += 1;
      }
    } else if (
      selected.length - codeBlocks < maxSentences &&
      proseChars + unit.text.length <= maxProseChars
    ) {
      selected.push(unit);
      proseChars += unit.text.length;
    }
  }
  // The focus passage always contributes some prose, not just a code block.
  const focusProse = units
    .filter((unit) => unit.passage === focus && unit.kind !== 'code' && !selected.includes(unit))
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const proseFromFocus = selected.filter((unit) => unit.passage === focus && unit.kind !== 'code').length;
  selected.push(...focusProse.slice(0, Math.max(0, minimumFocusProse - proseFromFocus)));
  // A quoted code block needs the sentence introducing it.
  for (const unit of selected.filter((candidate) => candidate.kind === 'code')) {
    const introduction = units.find(
      (candidate) => candidate.passage === unit.passage && candidate.order === unit.order - 1,
    );
    if (introduction && introduction.kind !== 'code' && !selected.includes(introduction)) {
      selected.push(introduction);
    }
  }
  return selected;
}
