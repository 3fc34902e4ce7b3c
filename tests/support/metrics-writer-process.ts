/**
 * Child process for the metrics concurrency test: records `count` turns as fast as it can
 * into the DATA_DIR it was given, then exits. Usage: tsx metrics-writer-process.ts <count> <prefix>
 */
import { recordTurn } from '@/lib/operations/record-turn';
import { makeTurnRecord } from './metrics-fixtures';

const count = Number(process.argv[2]);
const prefix = process.argv[3];
for (let index = 0; index < count; index += 1) {
  recordTurn(makeTurnRecord({ id: `${prefix}-${index}` }));
}
