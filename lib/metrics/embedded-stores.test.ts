import { afterEach, beforeEach } from 'vitest';
import { sqliteAlertStore } from '@/lib/alerts/alert-store';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import {
  describeAlertStore,
  describeFeedbackStore,
  describeTurnStore,
} from '@/tests/support/store-contracts';
import { sqliteFeedbackStore } from './feedback-store';
import { sqliteTurnStore } from './sqlite-turn-store';

// Each test gets an empty SQLite database in its own DATA_DIR.
let cleanup: () => void;
beforeEach(() => {
  cleanup = useTemporaryDataDir().cleanup;
});
afterEach(() => cleanup());

describeTurnStore('SQLite', () => sqliteTurnStore);
describeFeedbackStore('SQLite', () => ({ feedback: sqliteFeedbackStore, turns: sqliteTurnStore }));
describeAlertStore('SQLite', () => sqliteAlertStore);
