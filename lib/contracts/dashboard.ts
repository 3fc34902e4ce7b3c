// Types shared by the metrics library and the dashboard UI. Type-only: safe to import in
// client components.
import type { CollectionInfo } from './retrieval';
import type { TurnRecord } from './turn-record';

export type MetricWindowKey = '15m' | '1h' | '24h' | '7d';

export type FeedbackRating = 'up' | 'down';

export interface TurnFeedback {
  rating: FeedbackRating;
  comment?: string;
  updatedAt: number;
}

type TimingKey =
  | 'routingMs'
  | 'retrievalMs'
  | 'modelFirstTokenMs'
  | 'ttftMs'
  | 'latencyMs'
  | 'tokensPerSecond';

/** Stored timings: null when never measured (no first token, no tokens) or not yet (in progress). */
export type StoredTimings = { [Key in TimingKey]: number | null };

/** A turn as stored: the record plus its route key (collections joined by `+`) and feedback. */
export interface StoredTurn extends Omit<TurnRecord, TimingKey>, StoredTimings {
  route: string;
  recordedAt: number;
  feedback?: TurnFeedback;
}

/** The numeric columns aggregation needs, one row per turn. */
export interface TurnSample
  extends Pick<
      TurnRecord,
      | 'startedAt'
      | 'status'
      | 'model'
      | 'cacheHit'
      | 'fallbackUsed'
      | 'retries'
      | 'inputTokens'
      | 'outputTokens'
      | 'costUsd'
    >,
    StoredTimings {
  route: string;
  /** As stored, so also whatever an older or broken record wrote. */
  provider: string;
  rating?: FeedbackRating;
}

/** Percentiles in the unit of the measure; null when there were no samples. */
export interface PercentileSet {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface SummaryCards {
  turns: number;
  ok: number;
  failed: number;
  cancelled: number;
  /** ok / (turns - cancelled); null without such turns. */
  successRate: number | null;
  /** failed (error, timeout, rate limited, interrupted) / (turns - cancelled). */
  errorRate: number | null;
  ttftMs: PercentileSet;
  latencyMs: PercentileSet;
  tokensPerSecond: PercentileSet;
  cacheHitRate: number | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  retries: number;
  fallbacks: number;
  feedback: { up: number; down: number /** up / (up + down); null without ratings. */; score: number | null };
}

export interface SeriesPoint {
  start: number;
  turns: number;
  failed: number;
  ttftP50: number | null;
  ttftP95: number | null;
  ttftP99: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
  /** Mean TTFT components of the bucket's turns that produced a first token. */
  routingMs: number | null;
  retrievalMs: number | null;
  modelMs: number | null;
  feedbackScore: number | null;
}

export interface RouteSlice {
  route: string;
  turns: number;
}

export interface ModelRow {
  model: string;
  provider: string;
  turns: number;
  failed: number;
  ttftP50: number | null;
  latencyP95: number | null;
  tokensPerSecondP50: number | null;
  costUsd: number;
}

/** Mean split of TTFT; `otherMs` is what routing, retrieval and the model do not explain. */
export interface TtftSplit {
  turns: number;
  routingMs: number | null;
  retrievalMs: number | null;
  modelMs: number | null;
  otherMs: number | null;
}

export type AlertSeverity = 'medium' | 'high';

export interface AlertRuleView {
  id: string;
  label: string;
  comparison: 'above' | 'below';
  unit: 'ratio' | 'ms' | 'usd';
  thresholds: Partial<Record<AlertSeverity, number>>;
  windowLabel: string;
}

export interface AlertEvent {
  id: number;
  rule: string;
  severity: AlertSeverity;
  message: string;
  value: number;
  threshold: number;
  peakValue: number;
  firedAt: number;
  resolvedAt: number | null;
}

export type HealthStatus = 'healthy' | 'degraded' | 'down';

export interface HealthComponent {
  name: string;
  kind: 'index' | 'metrics-db' | 'audit-log' | 'model' | 'breaker';
  status: HealthStatus;
  latencyMs: number;
  detail: string;
}

export interface HealthReport {
  status: HealthStatus;
  checkedAt: string;
  latencyMs: number;
  components: HealthComponent[];
}

/** A collection as the dashboard lists it; the index version is internal to caching. */
export type CollectionSummary = Omit<CollectionInfo, 'indexVersion'>;

export interface DashboardSummary {
  generatedAt: number;
  window: { key: MetricWindowKey; label: string; from: number; to: number; bucketMs: number };
  filters: { status?: string; route?: string; model?: string };
  filterOptions: { statuses: string[]; routes: string[]; models: string[] };
  inFlight: number;
  cards: SummaryCards;
  series: SeriesPoint[];
  routes: RouteSlice[];
  models: ModelRow[];
  ttftSplit: TtftSplit;
  recentTurns: StoredTurn[];
  worstRated: StoredTurn[];
  alerts: { rules: AlertRuleView[]; active: AlertEvent[]; history: AlertEvent[] };
  health: HealthReport;
  collections: CollectionSummary[];
}
