import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** JSON logs by default; pretty only when a TTY (or LOG_PRETTY) asks for it. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_PRETTY'>, name: string): Logger {
  const pretty = config.LOG_PRETTY ?? process.stdout.isTTY === true;
  return pino({
    name,
    level: config.LOG_LEVEL,
    base: { service: name },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  });
}
