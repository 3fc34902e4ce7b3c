import { describe, expect, it } from 'vitest';
import { TurnStateMachine } from './turn-state-machine';

function clock(start = 0) {
  let time = start;
  return {
    now: () => time,
    advance: (milliseconds: number) => {
      time += milliseconds;
    },
  };
}

describe('TurnStateMachine', () => {
  it('walks routing -> retrieving -> generating -> done and times each state', () => {
    const time = clock(100);
    const machine = new TurnStateMachine(time.now);
    expect(machine.status('Choosing…')).toEqual({ state: 'routing', message: 'Choosing…' });
    time.advance(5);
    expect(machine.transition('retrieving', 'Searching python…', { collections: ['python'] })).toEqual({
      state: 'retrieving',
      message: 'Searching python…',
      collections: ['python'],
    });
    time.advance(20);
    machine.transition('generating', 'Writing…');
    time.advance(300);
    expect(machine.durationOf('generating')).toBe(300);
    machine.transition('done', 'Done');
    time.advance(1000);
    expect(machine.finished).toBe(true);
    expect(machine.durationOf('routing')).toBe(5);
    expect(machine.durationOf('retrieving')).toBe(20);
    expect(machine.durationOf('generating')).toBe(300);
  });

  it('starts timing at the given start time (when the request arrived)', () => {
    const time = clock(50);
    const machine = new TurnStateMachine(time.now, 10);
    machine.transition('retrieving', 'Searching…');
    expect(machine.durationOf('routing')).toBe(40);
  });

  it('fails from any working state with a reason', () => {
    const machine = new TurnStateMachine(clock().now);
    machine.transition('retrieving', 'Searching…');
    expect(machine.fail('Searching the documentation failed.')).toEqual({
      state: 'failed',
      message: 'Searching the documentation failed.',
      reason: 'Searching the documentation failed.',
    });
    expect(machine.reason).toBe('Searching the documentation failed.');
    expect(machine.durationOf('generating')).toBe(0);
  });

  it('rejects illegal transitions', () => {
    const machine = new TurnStateMachine(clock().now);
    expect(() => machine.transition('generating', 'x')).toThrow(/routing -> generating/);
    machine.transition('retrieving', 'x');
    machine.fail('broken');
    expect(() => machine.transition('done', 'x')).toThrow(/failed -> done/);
    expect(() => machine.fail('again')).toThrow();
  });
});
