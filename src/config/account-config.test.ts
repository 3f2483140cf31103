import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('account settings in the configuration', () => {
  it('defaults to 5 failures, 15 minutes locked, 30 minutes idle, 12 hours, 90 dormant days', () => {
    expect(loadConfig({})).toMatchObject({
      lockoutAttempts: 5,
      lockoutMinutes: 15,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      dormantDays: 90,
    });
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      GAZETTE_LOCKOUT_ATTEMPTS: '3',
      GAZETTE_LOCKOUT_MINUTES: '10',
      GAZETTE_SESSION_IDLE_MINUTES: '10',
      GAZETTE_SESSION_MAX_HOURS: '8',
      GAZETTE_DORMANT_DAYS: '180',
    });
    expect(config).toMatchObject({
      lockoutAttempts: 3,
      lockoutMinutes: 10,
      sessionIdleMinutes: 10,
      sessionMaxHours: 8,
      dormantDays: 180,
    });
  });

  it('refuses values that are not positive whole numbers, naming the setting', () => {
    for (const [name, field] of [
      ['GAZETTE_LOCKOUT_ATTEMPTS', 'lockoutAttempts'],
      ['GAZETTE_SESSION_IDLE_MINUTES', 'sessionIdleMinutes'],
      ['GAZETTE_DORMANT_DAYS', 'dormantDays'],
    ] as const) {
      for (const value of ['0', 'abc', '1.5']) {
        let thrown: unknown;
        try {
          loadConfig({ [name]: value });
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${name}=${value}`).toMatchObject({ code: 'GZ_CONFIG_INVALID', details: { field } });
      }
    }
  });
});
