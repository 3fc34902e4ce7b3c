import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy } from './network/trusted-proxies';

const integer = (fallback: number, minimum = 0) =>
  z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(minimum, `must be at least ${minimum}`)
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const writableDirectory = z
  .string()
  .default('./data')
  .transform((value) => path.resolve(value))
  .superRefine((directory, context) => {
    try {
      fs.mkdirSync(directory, { recursive: true });
      fs.accessSync(directory, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${directory} is not a readable, writable directory`,
      });
    }
  });

const modelPrices = z.record(
  z.string().min(1),
  z.object({ input: z.number().min(0), output: z.number().min(0) }).strict(),
);

/** `PRICE_TABLE`: JSON of USD per 1M tokens by model, e.g. {"my-model":{"input":0.5,"output":1.5}}. */
const priceTable = optionalText.transform((text, context) => {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = modelPrices.safeParse(parsed);
  if (!result.success) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be JSON like {"model-name":{"input":0.15,"output":0.6}} (USD per 1M tokens)',
    });
    return z.NEVER;
  }
  return result.data;
});

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(3000, 1).refine((port) => port <= 65535, 'must be a port number (1-65535)'),
  DATA_DIR: writableDirectory,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(
    z.string().url('must be a URL such as http://localhost:11434/v1').optional(),
  ),
  CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  EMBEDDINGS: z.enum(['auto', 'local', 'openai']).default('local'),
  FALLBACK_MODEL: optionalText,
  ROUTER: z.enum(['local', 'llm']).default('local'),
  /** How follow-ups become standalone queries: merged terms (local) or a model rewrite (llm, remote model only). */
  QUERY_REWRITE: z.enum(['local', 'llm']).default('local'),
  CONTEXT_TOKEN_BUDGET: integer(3000, 200),
  MAX_QUESTION_CHARS: integer(4000, 100),
  MAX_HISTORY_MESSAGES: integer(50, 1),

  // Whole-request size limits, checked before any tokenizer, pattern or masking work on the text.
  /** Characters of one earlier message in the conversation. */
  MAX_MESSAGE_CHARS: integer(8000, 100),
  /** Characters of all earlier messages together. */
  MAX_HISTORY_CHARS: integer(32_000, 100),
  /** Tokens of the question and the earlier messages together, in the answer model's encoding. */
  MAX_REQUEST_TOKENS: integer(16_000, 100),

  FIRST_TOKEN_TIMEOUT_MS: integer(15_000, 1),
  IDLE_TIMEOUT_MS: integer(10_000, 1),
  TURN_TIMEOUT_MS: integer(60_000, 1),
  MAX_RETRIES: integer(3),
  RETRY_MAX_DELAY_MS: integer(20_000, 1),
  BREAKER_FAILURES: integer(5, 1),
  BREAKER_COOLDOWN_MS: integer(30_000, 1),
  RATE_LIMIT_PER_MINUTE: integer(20),
  RATE_LIMIT_BURST: integer(10),
  UPSTREAM_REQUESTS_PER_MINUTE: integer(600),
  UPSTREAM_QUEUE_LIMIT: integer(100),
  UPSTREAM_CONCURRENCY: integer(16, 1),

  METRICS_RETENTION_DAYS: integer(30, 1),
  STORE_QUESTIONS: z.enum(['redacted', 'off']).default('redacted'),
  ALERT_ERROR_RATE_MEDIUM: z.coerce.number().min(0).max(1).default(0.05),
  ALERT_ERROR_RATE_HIGH: z.coerce.number().min(0).max(1).default(0.1),
  ALERT_P95_LATENCY_MEDIUM_MS: integer(5_000, 1),
  ALERT_P95_LATENCY_HIGH_MS: integer(10_000, 1),
  ALERT_DAILY_COST_MEDIUM_USD: z.coerce.number().min(0).default(50),
  ALERT_DAILY_COST_HIGH_USD: z.coerce.number().min(0).default(100),
  ALERT_SUCCESS_RATE_HIGH: z.coerce.number().min(0).max(1).default(0.95),
  /** Rolling window the rate and latency alert rules look at. */
  ALERT_WINDOW_SECONDS: integer(300, 1),
  /** Rate and latency rules stay quiet until the window holds this many turns. */
  ALERT_MIN_TURNS: integer(5, 1),
  ALERT_EVAL_INTERVAL_SECONDS: integer(15, 1),

  CACHE_MAX_ENTRIES: integer(1000),
  CACHE_TTL_SECONDS: integer(86_400),
  PRICE_TABLE: priceTable,
  /** TTL for answers the docs did not cover well (low retrieval confidence). */
  CACHE_LOW_CONFIDENCE_TTL_SECONDS: integer(3_600),
  TURN_BUDGET_USD: z.coerce.number().min(0).optional(),
  DAILY_BUDGET_USD: z.coerce.number().min(0).optional(),
  PII_MODE: z.enum(['off', 'mask', 'block']).default('mask'),
  /** `mask`: ingested documents are PII-masked before chunking and embedding (counted in the ingest report). */
  INGEST_PII_MODE: z.enum(['off', 'mask']).default('off'),
  ADMIN_TOKEN: optionalText,

  // Admin access: where the server listens, for the sign-in link printed at start-up when the
  // admin token is generated (ADMIN_TOKEN unset in production). Unset or 0.0.0.0 means localhost.
  HOSTNAME: optionalText,
  // Client identity: which forwarding hops to believe (see lib/http/client-address).
  /** Proxies in front of the app: a hop count (`1`) or a comma list of proxy IPs/CIDRs (`10.0.0.0/8,::1`). */
  TRUST_PROXY: optionalText.superRefine((value, context) => {
    try {
      parseTrustProxy(value);
    } catch (error) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  }),
  // Audit log: size-based rotation, retention by file count, folding of repeated failures.
  /** A new audit file is started when the current one would pass this size. */
  AUDIT_MAX_FILE_BYTES: integer(10 * 1024 * 1024, 1024),
  /** Audit files kept besides the current one; older ones are deleted. */
  AUDIT_MAX_FILES: integer(5, 1),
  /** Repeats of the same failure by the same client within this window become one summary line (0: off). */
  AUDIT_AGGREGATE_WINDOW_SECONDS: integer(60),
  // Failure reporting: health probe caching and how long recent failures keep health degraded.
  /** The model provider is probed at most once per this many milliseconds (one probe in flight). */
  HEALTH_PROBE_CACHE_MS: integer(10_000),
  /** A dropped metrics record or unreadable collection keeps health degraded for this long. */
  FAILURE_RECENT_MS: integer(15 * 60_000, 1),
  /** Attempts at writing one turn record before it is dropped as unwritable. */
  METRICS_WRITE_ATTEMPTS: integer(5, 1),
});

export type AppConfig = z.infer<typeof schema>;

/** Thrown when the environment is invalid; its message is one line per bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates an environment object. Exported for tests; the app uses {@link getConfig}.
 */
export function parseConfig(environment: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `Invalid configuration: ${name}=${JSON.stringify(environment[name] ?? '')} ${issue.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  return result.data;
}

let cached: AppConfig | undefined;

/** The validated configuration, read from `process.env` once per process. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Replaces the cached configuration (tests, and scripts that take flags). */
export function setConfig(overrides: Partial<Record<keyof AppConfig, string>>): AppConfig {
  cached = parseConfig({ ...process.env, ...overrides });
  return cached;
}
