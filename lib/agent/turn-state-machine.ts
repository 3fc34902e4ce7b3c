import type { ChatDataParts, TurnState } from '../contracts/ui-message';

export type TurnStatusPart = ChatDataParts['status'];

/** The only moves a turn can make; anything else is a bug and throws. */
const allowedTransitions: Record<TurnState, readonly TurnState[]> = {
  routing: ['retrieving', 'failed'],
  retrieving: ['generating', 'failed'],
  generating: ['done', 'failed'],
  done: [],
  failed: [],
};

/**
 * One turn's explicit state machine: `routing -> retrieving -> generating -> done`, or
 * `failed` (with a reason) from any working state. It times how long each state lasted and
 * returns the status part to stream for every transition.
 */
export class TurnStateMachine {
  private current: TurnState = 'routing';
  private enteredAt: number;
  private readonly durations = new Map<TurnState, number>();
  private failureReason?: string;

  constructor(
    private readonly now: () => number,
    startedAt = now(),
  ) {
    this.enteredAt = startedAt;
  }

  get state(): TurnState {
    return this.current;
  }

  get finished(): boolean {
    return this.current === 'done' || this.current === 'failed';
  }

  get reason(): string | undefined {
    return this.failureReason;
  }

  /** The status part for the state the turn is in now (the first one is `routing`). */
  status(message: string, extra: Pick<TurnStatusPart, 'collections'> = {}): TurnStatusPart {
    return { state: this.current, message, ...extra };
  }

  /** Moves to `next`, closing the timer of the state left. Throws on an illegal move. */
  transition(
    next: Exclude<TurnState, 'failed'>,
    message: string,
    extra: Pick<TurnStatusPart, 'collections'> = {},
  ) {
    this.move(next);
    return this.status(message, extra);
  }

  /** Moves to `failed` with a reason the user can read. */
  fail(reason: string): TurnStatusPart {
    this.move('failed');
    this.failureReason = reason;
    return { state: 'failed', message: reason, reason };
  }

  /** Milliseconds spent in `state` (so far, if it is the current one; 0 if never entered). */
  durationOf(state: TurnState): number {
    if (state === this.current && !this.finished) return this.now() - this.enteredAt;
    return this.durations.get(state) ?? 0;
  }

  private move(next: TurnState): void {
    if (!allowedTransitions[this.current].includes(next)) {
      throw new Error(`Illegal turn transition ${this.current} -> ${next}`);
    }
    const time = this.now();
    this.durations.set(this.current, time - this.enteredAt);
    this.current = next;
    this.enteredAt = time;
  }
}
