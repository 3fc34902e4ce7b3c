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
 * Picks the units to quote from the chosen sections (the first is the focus): the best
 * scoring ones within the length limits, at most one code block (from the focus section when
 * it has relevant code, since its example fits its prose), at least some prose from the focus
 * section, and the sentence introducing each quoted code block.
 */
export function selectUnits(units: ScoredUnit[], sections: number[]): ScoredUnit[] {
  const [focus] = sections;
  const focusHasCode = units.some((unit) => unit.group === focus && unit.kind === 'code' && unit.score > 0);
  const candidates = units.filter(
    (unit) =>
      sections.includes(unit.group) &&
      unit.score > 0 &&
      (unit.kind !== 'code' || !focusHasCode || unit.group === focus),
  );
  const best = Math.max(...candidates.map((unit) => unit.score));
  const ranked = candidates
    .filter((unit) => unit.score >= best * (unit.group === focus ? relativeCutoff : secondaryCutoff))
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
  // The focus section always contributes prose, not just a code block, starting with its
  // first sentence: in reference docs that sentence says what the documented thing does.
  const focusProse = units
    .filter((unit) => unit.group === focus && unit.kind !== 'code')
    .sort((a, b) => a.order - b.order);
  if (focusProse[0] && !selected.includes(focusProse[0])) selected.push(focusProse[0]);
  const remaining = focusProse
    .filter((unit) => !selected.includes(unit))
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const proseFromFocus = selected.filter((unit) => unit.group === focus && unit.kind !== 'code').length;
  selected.push(...remaining.slice(0, Math.max(0, minimumFocusProse - proseFromFocus)));
  // Its own example shows how to use it, even when the code repeats none of the question's words.
  const focusCode = units.filter((unit) => unit.group === focus && unit.kind === 'code');
  if (focusCode.length && !selected.some((unit) => unit.kind === 'code')) {
    selected.push([...focusCode].sort((a, b) => b.score - a.score || a.order - b.order)[0]);
  }
  // A quoted code block needs the sentence introducing it.
  for (const unit of selected.filter((candidate) => candidate.kind === 'code')) {
    const introduction = units.find(
      (candidate) => candidate.group === unit.group && candidate.order === unit.order - 1,
    );
    if (introduction && introduction.kind !== 'code' && !selected.includes(introduction)) {
      selected.push(introduction);
    }
  }
  return selected;
}
