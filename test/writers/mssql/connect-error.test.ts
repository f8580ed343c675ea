import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../../src/model/errors.js';
import { Sensitive } from '../../../src/model/sensitive.js';
import type { ConnectionSettings } from '../../../src/writers/mssql/connection-string.js';
import { connectError, openDb } from '../../../src/writers/mssql/db.js';

const PASSWORD = 'Secr3t-pw!';
const settings = (port = 1433, server = '127.0.0.1'): ConnectionSettings => ({
  server,
  port,
  instanceName: undefined,
  database: 'ProCallDC',
  authentication: 'sql',
  user: 'sa',
  domain: undefined,
  password: new Sensitive(PASSWORD),
  encrypt: false,
  trustServerCertificate: true,
});

/** What mssql 12 / tedious 19 throw: ConnectionError → tedious error → AggregateError of socket errors. */
function driverError(code: string, socketMessage: string): Error {
  const socket = Object.assign(new Error(socketMessage), { code });
  const aggregate = new AggregateError([socket], 'Could not connect (sequence)');
  const tedious = Object.assign(new Error(`Failed to connect to 127.0.0.1:1433 - Could not connect (sequence) ${PASSWORD}`), { code: 'ESOCKET', cause: aggregate });
  return Object.assign(new Error(tedious.message), { code: 'ESOCKET', originalError: tedious });
}

describe('connectError: a failed connection in plain words', () => {
  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1433', 'cannot connect to 127.0.0.1:1433/ProCallDC: connection refused (is SQL Server running there and is TCP/IP enabled?)'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND 127.0.0.1', 'cannot connect to 127.0.0.1:1433/ProCallDC: the name 127.0.0.1 does not resolve'],
    ['ETIMEDOUT', 'connect ETIMEDOUT 127.0.0.1:1433', 'cannot connect to 127.0.0.1:1433/ProCallDC: no answer (a firewall, a wrong address or port, or the server is down)'],
  ])('%s', (code, socketMessage, expected) => {
    const e = connectError(driverError(code, socketMessage), settings());
    expect(e.code).toBe('DB_CONNECT_FAILED');
    expect(e.message).toBe(expected);
    expect(`${e.message} ${e.hint ?? ''}`).not.toMatch(/sequence|Failed to connect/);
    expect(`${e.message} ${e.hint ?? ''}`).not.toContain(PASSWORD);
  });

  it('the driver timeout (ETIMEOUT, no socket error) is "no answer"', () => {
    const e = connectError(Object.assign(new Error('Failed to connect to 10.0.0.9:1433 in 15000ms'), { code: 'ETIMEOUT' }), settings(1433, '10.0.0.9'));
    expect(e.message).toBe('cannot connect to 10.0.0.9:1433/ProCallDC: no answer (a firewall, a wrong address or port, or the server is down)');
  });

  it('an unknown cause keeps the driver words without the "Failed to connect to" prefix, and never the password', () => {
    const e = connectError(Object.assign(new Error(`Failed to connect to 127.0.0.1:1433 - something odd ${PASSWORD}`), { code: 'ESOCKET' }), settings());
    expect(e.message).toBe('cannot connect to 127.0.0.1:1433/ProCallDC: something odd (sensitive)');
  });

  it('a real refused connection (a closed local port) says "connection refused"', async () => {
    const server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    await new Promise((resolve) => server.close(resolve));
    const error = await openDb(settings(port)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrateError);
    expect((error as MigrateError).code).toBe('DB_CONNECT_FAILED');
    expect((error as MigrateError).message).toBe(`cannot connect to 127.0.0.1:${port}/ProCallDC: connection refused (is SQL Server running there and is TCP/IP enabled?)`);
  });
});
