/**
 * The DataCenter-only setting rules (shared/seeds/procall-datacenter-installation.txt): shared
 * content on a UNC path, at most 25 MB per shared file, about 48 h of logs in large
 * environments, full memory dumps on by default.
 */
import { PROJECT_ORIGIN, type SettingRow } from '../model/index.js';
import { diag, type SourcePosition } from '../model/index.js';
import { refusalReason } from '../model/index.js';
import { option } from '../project/index.js';
import { at, lc, type MapContext } from './context.js';
import { decisionParams, decisionText, isOpenSetting, projectSettingFor } from '../project/index.js';
import { PROVENANCE_RULES } from './provenance.js';
import { showValue } from './settings.js';

/** Above this many enabled users an environment is "large" for the log-retention advice. */
export const LARGE_ENVIRONMENT_USERS = 1000;
export const MAX_SHARED_FILE_MB = 25;
export const RECOMMENDED_LOG_RETENTION_HOURS = 48;
export const FULL_MEMORY_DUMPS = 'diagnostics.fullMemoryDumps';

const UNC = /^\\\\[^\\/]+\\[^\\/]+/;

export function applyDataCenterRules(
  ctx: MapContext,
  rows: SettingRow[],
  where: ReadonlyMap<SettingRow, SourcePosition>,
  enabledUsers: number,
): void {
  const global = (key: string): SettingRow | undefined => rows.find((r) => r.Scope === 'global' && lc(r.Key) === lc(key));
  const pos = (r: SettingRow): SourcePosition => where.get(r) ?? {};
  const byProject = (r: SettingRow): boolean => r.Origin === PROJECT_ORIGIN;

  for (const r of rows) {
    const reason = typeof r.Value === 'string' ? refusalReason(r.Key, r.Value) : undefined;
    if (reason === undefined) continue;
    ctx.error('MAP_DATABASE_ENGINE_JET', `${r.ServerName}: ${r.Key}=${r.Value}: ${reason}`, {
      ...pos(r),
      subject: `setting:${r.ServerName}:${r.Key}`,
      params: { server: r.ServerName, key: r.Key, value: String(r.Value) },
      hint: `move the journal/chat database to SQL Server or SQLite and set it in the project: settings.local: { ${r.ServerName}: { ${r.Key}: mssql } } (for sqlite set database.filePath to the new .db file too)`,
    });
  }
  checkDatabaseFile(ctx, rows, pos);

  // A share the project leaves open (TODO) is that open decision's finding alone.
  const shareOpen = isOpenSetting(ctx.project, 'contentsharing.fileLocation');
  const location = shareOpen ? undefined : global('contentsharing.fileLocation');
  if (location !== undefined && typeof location.Value === 'string' && !UNC.test(location.Value.trim())) {
    ctx.error(
      'MAP_CONTENTSHARING_NOT_UNC',
      `contentsharing.fileLocation ${showValue(location.Value)} is not a UNC path; every server must reach the shared content`,
      {
        ...pos(location),
        hint: 'set a share all UCServer computer accounts can write in the project: settings.global: { contentsharing.fileLocation: \\\\fileserver\\procall$\\share }',
        subject: 'setting:contentsharing.fileLocation',
        params: { key: 'contentsharing.fileLocation', value: location.Value },
      },
    );
  }
  // What the sources set, so a message says what is really wrong (issue 8 item 8) and a
  // project decision over a non-UNC source value leaves a note naming it.
  const fromSources = ctx.exports.flatMap((e) =>
    e.settings.filter((st) => lc(st.key) === 'contentsharing.filelocation' && typeof st.value === 'string').map((st) => ({ source: e.source, value: String(st.value), pos: st.pos })),
  );
  const nonUnc = fromSources.filter((v) => !UNC.test(v.value.trim()));
  if (location !== undefined && byProject(location) && typeof location.Value === 'string' && UNC.test(location.Value.trim())) {
    const decided = projectSettingFor(ctx.project, 'contentsharing.fileLocation');
    for (const v of nonUnc) {
      ctx.info('MAP_CONTENTSHARING_NOT_UNC', `${v.source}: contentsharing.fileLocation ${showValue(v.value)} is not a UNC path; decided by ${decided === undefined ? 'the project' : decisionText(decided)}`, {
        ...at(v.source, v.pos),
        subject: 'setting:contentsharing.fileLocation',
        params: { key: 'contentsharing.fileLocation', value: v.value, ...(decided === undefined ? {} : decisionParams(decided)) },
      });
    }
  }
  const enabled = global('contentsharing.enabled');
  if (shareOpen) {
    // (nothing: PROJECT_OPEN_DECISION asks for the share)
  } else if (location === undefined && fromSources.length > 0 && nonUnc.length > 0) {
    // The sources set it, differently (a conflict, reported as such): one of them is not UNC.
    const first = nonUnc[0]!;
    ctx.error(
      'MAP_CONTENTSHARING_NOT_UNC',
      `contentsharing.fileLocation differs between the sources and ${nonUnc.map((v) => `${v.source}'s ${showValue(v.value)}`).join(', ')} is not a UNC path; DataCenter needs one UNC path every server reaches`,
      {
        ...at(first.source, first.pos),
        hint: 'decide it in the project: settings.global: { contentsharing.fileLocation: \\\\fileserver\\procall$\\share }',
        subject: 'setting:contentsharing.fileLocation',
        params: { key: 'contentsharing.fileLocation', sources: nonUnc.map((v) => v.source), values: nonUnc.map((v) => v.value) },
      },
    );
  } else if (location === undefined && fromSources.length === 0 && enabled !== undefined && enabled.Value === '1') {
    ctx.error('MAP_CONTENTSHARING_NOT_UNC', 'content sharing is enabled but no contentsharing.fileLocation is set; DataCenter needs a UNC path every server reaches', {
      ...pos(enabled),
      hint: 'settings.global: { contentsharing.fileLocation: \\\\fileserver\\procall$\\share }',
      subject: 'setting:contentsharing.fileLocation',
      params: { key: 'contentsharing.fileLocation' },
    });
  }

  const maxSize = global('contentsharing.maxFileSizeMB');
  const size = maxSize !== undefined && typeof maxSize.Value === 'string' ? Number(maxSize.Value) : NaN;
  if (maxSize !== undefined && size > MAX_SHARED_FILE_MB) {
    if (byProject(maxSize)) {
      ctx.error('MAP_CONTENTSHARING_MAX_FILE_SIZE', `contentsharing.maxFileSizeMB ${size} is above the DataCenter maximum of ${MAX_SHARED_FILE_MB}`, {
        ...pos(maxSize),
        subject: 'setting:contentsharing.maxFileSizeMB',
        params: { key: 'contentsharing.maxFileSizeMB', value: size, max: MAX_SHARED_FILE_MB },
        decide: [option(`set it to the DataCenter maximum of ${MAX_SHARED_FILE_MB}`, ['settings', 'global', 'contentsharing.maxFileSizeMB'], MAX_SHARED_FILE_MB)],
      });
    } else {
      // A source value is clamped (the customer cannot use more anyway); the project's own value is its author's mistake.
      ctx.warn('MAP_CONTENTSHARING_MAX_FILE_SIZE', `contentsharing.maxFileSizeMB ${size} of ${maxSize.Origin} is set to the DataCenter maximum of ${MAX_SHARED_FILE_MB}`, {
        ...pos(maxSize),
        subject: 'setting:contentsharing.maxFileSizeMB',
        params: { key: 'contentsharing.maxFileSizeMB', value: size, max: MAX_SHARED_FILE_MB, server: maxSize.Origin },
      });
      ctx.decide('contentsharing.clamp', `contentsharing.maxFileSizeMB ${size} → ${MAX_SHARED_FILE_MB}`, `DataCenter allows at most ${MAX_SHARED_FILE_MB} MB per shared file`, [maxSize.Origin]);
      maxSize.Value = String(MAX_SHARED_FILE_MB);
      ctx.provenance.byRule(maxSize, PROVENANCE_RULES.dataCenterMaximum, `contentsharing.maxFileSizeMB at most ${MAX_SHARED_FILE_MB}`);
    }
  }

  if (enabledUsers > LARGE_ENVIRONMENT_USERS) {
    for (const r of rows) {
      if (r.Scope !== 'server' || lc(r.Key) !== 'logging.retentionhours' || typeof r.Value !== 'string') continue;
      const hours = Number(r.Value);
      if (hours > RECOMMENDED_LOG_RETENTION_HOURS) {
        ctx.warn(
          'MAP_LOG_RETENTION_LARGE',
          `${r.ServerName}: logging.retentionHours ${hours} in an environment of ${enabledUsers} enabled users; about ${RECOMMENDED_LOG_RETENTION_HOURS} h is recommended`,
          {
            ...pos(r),
            hint: `settings.local: { ${r.ServerName}: { logging.retentionHours: ${RECOMMENDED_LOG_RETENTION_HOURS} } }`,
            subject: `setting:${r.ServerName}:${r.Key}`,
            params: { server: r.ServerName, key: r.Key, value: hours, users: enabledUsers, recommended: RECOMMENDED_LOG_RETENTION_HOURS },
            decide: [option(`keep logs for ${RECOMMENDED_LOG_RETENTION_HOURS} hours`, ['settings', 'local', r.ServerName, 'logging.retentionHours'], RECOMMENDED_LOG_RETENTION_HOURS)],
          },
        );
      }
    }
  }

  const defaulted: string[] = [];
  const inThisRun = new Set(ctx.exports.map((e) => lc(e.source)));
  // One pass, not one search per server: 20,000 servers must stay linear.
  const dumpsByServer = new Map<string, SettingRow>();
  for (const r of rows) if (r.Scope === 'server' && lc(r.Key) === lc(FULL_MEMORY_DUMPS) && !dumpsByServer.has(lc(r.ServerName))) dumpsByServer.set(lc(r.ServerName), r);
  for (const s of ctx.ucservers()) {
    // A server replacing only sources of another migration wave keeps that wave's local
    // settings: a default written here would fight the value that wave brought along.
    if (s.replaces.length > 0 && !s.replaces.some((src) => inThisRun.has(lc(src)))) continue;
    const existing = dumpsByServer.get(lc(s.name));
    if (existing === undefined) {
      const row: SettingRow = { Scope: 'server', ServerName: s.name, Key: FULL_MEMORY_DUMPS, ObjectName: '', Type: 'bool', Value: '1', Origin: PROJECT_ORIGIN };
      ctx.provenance.byRule(row, PROVENANCE_RULES.dataCenterDefault, `${FULL_MEMORY_DUMPS}=1 where nothing sets it`);
      rows.push(row);
      defaulted.push(s.name);
    } else if (!byProject(existing)) {
      const off = existing.Value === '0';
      ctx.info('MAP_FULL_MEMORY_DUMPS', `${s.name}: ${existing.Origin} sets ${FULL_MEMORY_DUMPS}=${String(existing.Value)}${off ? ' (DataCenter default is on); the source value is kept' : ''}`, {
        ...pos(existing),
        subject: `setting:${s.name}:${FULL_MEMORY_DUMPS}`,
        params: { server: s.name, source: existing.Origin, key: FULL_MEMORY_DUMPS, value: String(existing.Value) },
      });
      ctx.decide('diagnostics.full-memory-dumps.source', `${s.name}: ${FULL_MEMORY_DUMPS}=${String(existing.Value)} from ${existing.Origin}`, 'the source sets it; the DataCenter default (on) applies only where nothing is set', [s.name]);
    }
  }
  if (defaulted.length > 0) {
    ctx.decide('diagnostics.full-memory-dumps.default', `${FULL_MEMORY_DUMPS}=1 on ${defaulted.length} ucserver(s)`, 'full memory dumps are on by default in DataCenter', defaulted);
  }
}

/** An Access file: what `database.filePath` still names when only the engine was changed. */
const ACCESS_FILE = /\.(mdb|accdb)\s*$/i;

/**
 * Following the jet hint changes the engine; the source's `database.filePath` still names the
 * Access file (`…\journal.mdb`), which SQLite cannot open: the server would start without its
 * journal. A warning naming the file, decided by a SQLite file name in the project.
 */
function checkDatabaseFile(ctx: MapContext, rows: readonly SettingRow[], pos: (r: SettingRow) => SourcePosition): void {
  // By server, built once: 20,000 servers must not mean 20,000 scans of every row.
  const filePaths = new Map(rows.filter((r) => r.Scope === 'server' && lc(r.Key) === 'database.filepath').map((r) => [lc(r.ServerName), r]));
  for (const engine of rows) {
    if (engine.Scope !== 'server' || lc(engine.Key) !== 'database.engine' || typeof engine.Value !== 'string' || engine.Value.trim().toLowerCase() !== 'sqlite') continue;
    const file = filePaths.get(lc(engine.ServerName));
    if (file === undefined || typeof file.Value !== 'string' || !ACCESS_FILE.test(file.Value)) continue;
    const suggestion = file.Value.trim().replace(ACCESS_FILE, '.db');
    ctx.diagnostics.push(
      diag('MAP_DATABASE_FILE_ACCESS', 'warning', `${engine.ServerName}: database.engine is sqlite but database.filePath ${showValue(file.Value)} is the MS Access file; SQLite cannot open it`, {
        ...pos(file),
        subject: `setting:${engine.ServerName}:database.filePath`,
        params: { server: engine.ServerName, key: 'database.filePath', value: file.Value, engine: 'sqlite' },
        hint: `set database.filePath to the new SQLite file in the project: settings.local: { ${engine.ServerName}: { database.filePath: ${suggestion} } }`,
        decide: [option(`use the SQLite file ${suggestion}`, ['settings', 'local', engine.ServerName, 'database.filePath'], suggestion)],
      }),
    );
  }
}
