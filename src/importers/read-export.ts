/**
 * Reads one export (ZIP or folder) into an EnterpriseExport: the layout, then each file in
 * the order later files need (locations before users for phone numbers), then the rules that
 * look at this export alone. Problems become diagnostics; only a missing manifest leaves no export.
 */
import type { Diagnostic } from '../model/index.js';
import type { ClientContent, EnterpriseExport, ProgressFn } from '../model/index.js';
import { openExportSource } from './export-source.js';
import { reportNestedZipExports } from './held-exports.js';
import { CLIENT_CONTENT, ROOTS } from './format.js';
import type { Layout } from './layout.js';
import { sortEntries } from './layout.js';
import type { ExportReadContext } from './load-file.js';
import { loadXml } from './load-file.js';
import { readLocations, readManifest, readUcServer } from './read-config.js';
import { readLines } from './read-lines.js';
import { readComputers, readGroups, readUsers } from './read-people.js';
import { ReadBudget } from './read-budget.js';
import { readRow } from './rows.js';
import { EXPORT_RULES } from './rules-export.js';
import { importDiag } from './xml-doc.js';

export interface ExportRead {
  inputPath: string;
  exp: EnterpriseExport | undefined;
  invalidUserNames: string[];
  /** This export's diagnostics; `source` is filled in by the caller once the run is complete. */
  diagnostics: Diagnostic[];
}

export async function readExport(inputPath: string, onProgress: ProgressFn): Promise<ExportRead> {
  const diagnostics: Diagnostic[] = [];
  const opened = await openExportSource(inputPath);
  if (!opened.ok) {
    const about = { subject: `input:${inputPath}`, params: { input: inputPath, file: inputPath } };
    diagnostics.push(importDiag(opened.code, opened.message, opened.hint === undefined ? about : { hint: opened.hint, ...about }));
    return { inputPath, exp: undefined, invalidUserNames: [], diagnostics };
  }
  const source = opened.source;
  try {
    for (const p of source.problems) {
      const file = p.file ?? inputPath;
      diagnostics.push(importDiag(p.code, p.message, { ...(p.file === undefined ? {} : { file: p.file }), subject: `file:${file}`, params: { file, input: inputPath } }));
    }
    const ctx: ExportReadContext = { source, diagnostics, files: [], budget: new ReadBudget() };
    const layout = sortEntries(source.entries, diagnostics);
    await reportNestedZipExports(source, layout, diagnostics);
    const load = async (role: keyof typeof layout.files) => {
      const entry = layout.files[role];
      if (entry === undefined) return undefined;
      onProgress({ stage: 'import', message: `${inputPath}: ${entry.name}` });
      // ClientUpdate.xml is kept whole (like client content): it gets the small limit for kept text.
      return loadXml(ctx, entry, ROOTS[role], role === 'clientUpdate' ? 'keptWhole' : 'file');
    };

    // Each file's text is dropped once it is read into the model: one large file in memory at a time.
    const manifest = await load('manifest').then((doc) => doc && readManifest(doc));
    const ucserver = await load('ucserver').then((doc) => (doc ? readUcServer(doc) : { settings: [], licenses: [], userManagement: undefined }));
    const locations = await load('locations').then((doc) => (doc ? readLocations(doc) : []));
    const lineGroups = await load('lines').then((doc) => (doc ? readLines(doc) : []));
    const usersRead = await load('users').then((doc) => (doc ? readUsers(doc) : { users: [], invalidNames: [] }));
    const groups = await load('groups').then((doc) => (doc ? readGroups(doc) : []));
    const computers = await load('computers').then((doc) => (doc ? readComputers(doc) : []));
    const clientUpdateDoc = await load('clientUpdate');
    if (clientUpdateDoc) ctx.budget.keep(clientUpdateDoc.text);
    const clientContent = await readClientContent(ctx, layout.clientContent, usersRead.users, onProgress, inputPath);

    if (manifest === undefined) return { inputPath, exp: undefined, invalidUserNames: usersRead.invalidNames, diagnostics };
    const exp: EnterpriseExport = {
      source: manifest.server,
      inputPath,
      inputKind: source.kind,
      manifest,
      userManagement: ucserver.userManagement,
      settings: ucserver.settings,
      licenses: ucserver.licenses,
      locations,
      lineGroups,
      users: usersRead.users,
      groups,
      computers,
      clientContent,
      clientUpdate: clientUpdateDoc && { content: clientUpdateDoc.text, pos: clientUpdateDoc.pos(clientUpdateDoc.root) },
      databaseFiles: layout.databaseFiles,
      notMigrated: layout.notMigrated,
      files: ctx.files,
    };
    for (const rule of EXPORT_RULES) rule(exp, diagnostics);
    return { inputPath, exp, invalidUserNames: usersRead.invalidNames, diagnostics };
  } finally {
    await source.close();
  }
}

/** Reads each `<user>_clientcontent.xml` of a known user, whole; a file for an unknown user is reported and not read. */
async function readClientContent(
  ctx: ExportReadContext,
  entries: Layout['clientContent'],
  users: readonly { userName: string }[],
  onProgress: ProgressFn,
  inputPath: string,
): Promise<ClientContent[]> {
  const byName = new Map(users.map((u) => [u.userName.toLowerCase(), u.userName]));
  const out: ClientContent[] = [];
  let done = 0;
  for (const { entry, userName } of entries) {
    if (++done % 500 === 0) {
      onProgress({ stage: 'import', message: `${inputPath}: client content`, done, total: entries.length });
      // Files are read synchronously (folder-source.ts): let progress, timers and Ctrl-C run.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const owner = byName.get(userName.toLowerCase());
    if (owner === undefined) {
      ctx.diagnostics.push(importDiag('IMPORT_CLIENT_CONTENT_UNKNOWN_USER', `${entry.name} belongs to user ${userName}, whom users.xml does not hold; it is not imported`, { file: entry.name, subject: `user:${userName}`, params: { user: userName, file: entry.name } }));
      continue;
    }
    // Only the text is kept (the mapper writes it whole); the parsed tree goes once the revision is read.
    const doc = await loadXml(ctx, entry, ROOTS.clientContent, 'keptWhole');
    const row = doc && readRow(doc, doc.root, `/${ROOTS.clientContent}`, CLIENT_CONTENT);
    if (doc === undefined || row === undefined) continue;
    ctx.budget.keep(doc.text);
    out.push({ userName: owner, revision: row.value.revision, content: doc.text, pos: row.pos });
  }
  return out;
}
