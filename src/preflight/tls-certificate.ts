/**
 * The TLS checks of a Redis endpoint, done by Node's own `tls`: is the server's certificate
 * trusted by the CA the project names (`caFile`) and does it name the host, and is it a wildcard
 * certificate (estos: the certificate on the Redis/stunnel side must not be one).
 */
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ParamValue } from '../model/index.js';
import type { RedisCode } from './redis-codes.js';
import { coded, errorText, type CheckResult, type PreflightCheck } from './result.js';

/** A `redis` TLS check with its code (redis-codes.ts) and the values of its sentence. */
const tc = (name: string, result: CheckResult, code: RedisCode, message: string, params: Record<string, ParamValue>): PreflightCheck =>
  coded('redis', name, result, code, message, params);

export interface TlsEndpoint {
  host: string;
  port: number;
  /** PEM text of the trusted CA(s); undefined: this machine's trusted CAs. */
  ca: string | undefined;
  /** The caFile's name, for messages. */
  caName: string | undefined;
  timeoutMs: number;
}

export interface PeerCertificateFacts {
  subjectCn: string | undefined;
  /** DNS names of subjectAltName. */
  dnsNames: string[];
  issuerCn: string | undefined;
}

/** What the handshake showed: trust and identity as Node judges them, and the certificate's names. */
export interface TlsProbe {
  authorized: boolean;
  authorizationError: string | undefined;
  identityError: string | undefined;
  certificate: PeerCertificateFacts | undefined;
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** subjectAltName `DNS:a, IP Address:1.2.3.4, DNS:*.b` → the DNS names. */
export function dnsNamesOf(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  return subjectAltName
    .split(/,\s*/)
    .filter((part) => part.startsWith('DNS:'))
    .map((part) => part.slice(4).replace(/^"|"$/g, ''));
}

export function certificateFacts(cert: tls.PeerCertificate): PeerCertificateFacts {
  return {
    subjectCn: firstValue(cert.subject?.CN as string | string[] | undefined),
    dnsNames: dnsNamesOf(cert.subjectaltname),
    issuerCn: firstValue(cert.issuer?.CN as string | string[] | undefined),
  };
}

/** The names of a certificate that contain `*` (subject CN and every subjectAltName DNS entry). */
export function wildcardNames(facts: PeerCertificateFacts): string[] {
  const names = [...(facts.subjectCn === undefined ? [] : [facts.subjectCn]), ...facts.dnsNames];
  return [...new Set(names.filter((n) => n.includes('*')))];
}

/** Opens one TLS connection (not trusting it yet), reads the certificate and Node's verdicts, closes it. */
export function probeTls(endpoint: TlsEndpoint): Promise<TlsProbe> {
  return new Promise((resolve, reject) => {
    const options: tls.ConnectionOptions = {
      host: endpoint.host,
      port: endpoint.port,
      // Judge, do not refuse: the checks report why a certificate is not trusted.
      rejectUnauthorized: false,
      timeout: endpoint.timeoutMs,
    };
    if (endpoint.ca !== undefined) options.ca = endpoint.ca;
    if (isIP(endpoint.host) === 0) options.servername = endpoint.host;
    const socket = tls.connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake within ${endpoint.timeoutMs / 1000} s`));
    }, endpoint.timeoutMs);
    timer.unref();
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const peer = socket.getPeerCertificate();
      const hasCert = peer !== null && typeof peer === 'object' && Object.keys(peer).length > 0;
      const identity = hasCert ? tls.checkServerIdentity(endpoint.host, peer) : undefined;
      const authError = socket.authorizationError as Error | string | null | undefined;
      resolve({
        authorized: socket.authorized,
        authorizationError: authError == null ? undefined : typeof authError === 'string' ? authError : authError.message,
        identityError: identity?.message,
        certificate: hasCert ? certificateFacts(peer) : undefined,
      });
      socket.end();
      socket.destroy();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** `CN=x, DNS:y` for messages. */
export function describeCert(facts: PeerCertificateFacts): string {
  const names = [facts.subjectCn ? `CN=${facts.subjectCn}` : undefined, ...facts.dnsNames.map((n) => `DNS:${n}`)].filter(Boolean);
  return names.length > 0 ? names.join(', ') : 'no names';
}

/** Node's short reasons, in words a consultant can act on. */
export function trustReason(code: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'it is self-signed';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return 'it was not issued by that CA';
    case 'CERT_HAS_EXPIRED':
      return 'it has expired';
    case 'CERT_NOT_YET_VALID':
      return 'it is not valid yet';
    default:
      return code;
  }
}

/** The two checks `tls certificate` and `tls wildcard` for one endpoint (names prefixed by `label`). */
export async function tlsChecks(endpoint: TlsEndpoint, label = ''): Promise<{ checks: PreflightCheck[]; trusted: boolean; handshake: boolean }> {
  const where = `${endpoint.host}:${endpoint.port}`;
  const trustedBy = endpoint.caName ? `the CA in ${endpoint.caName}` : "this machine's trusted CAs (the project names no redis.caFile)";
  let probe: TlsProbe;
  try {
    probe = await probeTls(endpoint);
  } catch (error) {
    return {
      trusted: false,
      handshake: false,
      checks: [
        /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(errorText(error))
          ? tc(`${label}tls certificate`, 'fail', 'PREFLIGHT_REDIS_TLS_UNREACHABLE',
              `Cannot reach ${where} (${errorText(error)}); check the name, the port and that Redis (or stunnel) runs there.`, { endpoint: where, reason: errorText(error) })
          : tc(`${label}tls certificate`, 'fail', 'PREFLIGHT_REDIS_TLS_FAILED',
              `No TLS handshake with ${where} (${errorText(error)}); check that Redis (or stunnel in front of it) speaks TLS on that port.`, { endpoint: where, reason: errorText(error) }),
        tc(`${label}tls wildcard`, 'skip', 'PREFLIGHT_REDIS_TLS_WILDCARD_UNKNOWN', `The certificate of ${where} could not be read.`, { endpoint: where }),
      ],
    };
  }
  const out: PreflightCheck[] = [];
  const facts = probe.certificate;
  if (!facts) {
    out.push(tc(`${label}tls certificate`, 'fail', 'PREFLIGHT_REDIS_TLS_NO_CERTIFICATE', `${where} sent no certificate.`, { endpoint: where }));
    out.push(tc(`${label}tls wildcard`, 'skip', 'PREFLIGHT_REDIS_TLS_WILDCARD_UNKNOWN', `${where} sent no certificate.`, { endpoint: where }));
    return { checks: out, trusted: false, handshake: true };
  }
  const trusted = probe.authorized && probe.identityError === undefined;
  const certificate = describeCert(facts);
  const caFile = endpoint.caName ?? null;
  if (!probe.authorized) {
    out.push(
      tc(`${label}tls certificate`, 'fail', 'PREFLIGHT_REDIS_TLS_UNTRUSTED',
        `The certificate of ${where} (${describeCert(facts)}) is not trusted by ${trustedBy}: ${trustReason(probe.authorizationError ?? 'unknown reason')}.`,
        { endpoint: where, certificate, caFile, reason: trustReason(probe.authorizationError ?? 'unknown reason') }),
    );
  } else if (probe.identityError !== undefined) {
    out.push(
      tc(`${label}tls certificate`, 'fail', 'PREFLIGHT_REDIS_TLS_WRONG_HOST',
        `The certificate of ${where} is trusted by ${trustedBy} but does not name ${endpoint.host} (${describeCert(facts)}); the UCServers would refuse it.`,
        { endpoint: where, host: endpoint.host, certificate, caFile }),
    );
  } else {
    out.push(
      tc(`${label}tls certificate`, endpoint.caName ? 'pass' : 'warn', endpoint.caName ? 'PREFLIGHT_REDIS_TLS_TRUSTED' : 'PREFLIGHT_REDIS_TLS_TRUSTED_BY_SYSTEM',
        `The certificate of ${where} (${describeCert(facts)}) is trusted by ${trustedBy} and names ${endpoint.host}.`,
        { endpoint: where, host: endpoint.host, certificate, caFile }),
    );
  }
  const wild = wildcardNames(facts);
  out.push(
    wild.length > 0
      ? tc(`${label}tls wildcard`, 'fail', 'PREFLIGHT_REDIS_TLS_WILDCARD',
          `The certificate of ${where} is a wildcard certificate (${wild.join(', ')}); estos: the certificate on the Redis side must not be a wildcard certificate, so issue one for ${endpoint.host}.`,
          { endpoint: where, host: endpoint.host, names: wild })
      : tc(`${label}tls wildcard`, 'pass', 'PREFLIGHT_REDIS_TLS_NOT_WILDCARD', `The certificate of ${where} is not a wildcard certificate.`, { endpoint: where }),
  );
  return { checks: out, trusted, handshake: true };
}
