/**
 * Builds fixture exports in a temp dir from small objects (path → content), testdir-style:
 * a valid baseline export to mutate per case, written as a folder or a ZIP.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ZipEntry } from '../../bench/zip-writer.js';
import { buildZip } from '../../bench/zip-writer.js';

export type ExportFiles = Record<string, string | Uint8Array>;

/** A secret that must never show up in any rendering of an imported export. */
export const BIND_PASSWORD = 'S3cr3t-Bind-Passw0rd!';
export const USER_PASSWORD_HASH = '{PBKDF2}c2VjcmV0LWhhc2gtYW5uYQ==';
export const LICENSE_KEY = 'PCE8-USR-7F3K-22QX-0001';

/** The baseline: every file of the contract, valid, small. Line numbers in tests are found by text. */
export function baselineExport(server = 'ucs-ber-01.corp.example'): ExportFiles {
  return {
    'manifest.xml': `<?xml version="1.0" encoding="UTF-8"?>
<Export product="ProCall Enterprise" version="8.5.2.1234" server="${server}"
        exportedAt="2026-10-02T09:14:00Z" includesInactive="1"/>
`,
    'config/ucserver.xml': `<?xml version="1.0" encoding="UTF-8"?>
<UCServerConfig>
  <Settings>
    <Setting key="usermanager.mode" type="int" value="1"/>
    <Setting key="usermanager.ad.domain" type="text" value="corp.example"/>
    <Setting key="usermanager.ad.bindPassword" type="secret" value="${BIND_PASSWORD}"/>
    <Setting key="logging.maxFileSizeMB" type="int" value="50"/>
    <Setting key="monitor.everyoneSeesEveryone" type="bool" value="true"/>
  </Settings>
  <Licenses>
    <License key="${LICENSE_KEY}" type="user" count="500"/>
    <License key="PCE8-SRV-9KQ2-71LM-0002" type="server" count="1"/>
  </Licenses>
</UCServerConfig>
`,
    'config/locations.xml': `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<locations>
  <location name="Berlin" CountryCode="49" CityCode="30" LocalNumber="12345" ExtFrom="100" ExtTo="599">
    <InternalRules>
      <Element Search="^9([1-9][0-9][0-9][0-9])$" Replace="+493012345\\1" MatchReplace="0"/>
    </InternalRules>
  </location>
</locations>
`,
    'config/lines.xml': `<?xml version="1.0" encoding="UTF-8"?>
<LineConfig>
  <LineGroup name="ECSTA Avaya Berlin" kind="ECSTA" location="Berlin" bCreateLinesAutomatically="1" bJournalAllLines="1">
    <Line u8sLineURI="tel:+4930123451234" u8sInternalNumber="1234" u8sLineName="Schmidt, Anna"
          bTrunk="0" bJournal="1" bPrivate="0" location="Berlin"/>
    <Line u8sLineURI="tel:+4930123451299" u8sInternalNumber="1299" u8sLineName="Meyer, Bob"
          bTrunk="0" bJournal="1" bPrivate="0" location="Berlin"/>
  </LineGroup>
</LineConfig>
`,
    'config/ClientUpdate.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ClientUpdate enabled="1"/>
`,
    'config/users/anna.schmidt_clientcontent.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ClientContent u8sVersion="2" u8sRevision="1727860000000">
  <GroupCluster u8sID="100" u8sName="Favoriten">
    <Group u8sID="g:G779" u8sName="Team">
      <Item u8sID="i1" u8sPresenceID="sip:bob.meyer@corp.example"/>
    </Group>
  </GroupCluster>
</ClientContent>
`,
    'users.xml': `<?xml version="1.0" encoding="UTF-8"?>
<Users>
  <User iEnabled="1" u8sUserName="anna.schmidt" u8sSIPURI="sip:anna.schmidt@corp.example"
        u8sFirstName="Anna" u8sLastName="Schmidt" u8sDisplayName="Schmidt, Anna"
        u8sEMail="anna.schmidt@corp.example" u8sProfile="Standard"
        u8sPhoneNumber="+4930123451234" u8sPhoneSecondary=""
        u8sPassword="${USER_PASSWORD_HASH}" u8sDNPath="" u8sSAMAccountName="" u8sobjectGUID="" u8sHomeServer="">
    <MonitorLine u8sPhoneNumber="+4930123451299"/>
  </User>
  <User iEnabled="0" u8sUserName="bob.meyer" u8sSIPURI="sip:bob.meyer@corp.example"
        u8sFirstName="Bob" u8sLastName="Meyer" u8sDisplayName="Meyer, Bob" u8sPhoneNumber="91299"/>
</Users>
`,
    'groups.xml': `<?xml version="1.0" encoding="UTF-8"?>
<Groups>
  <Group iEnabled="1" u8sGroupName="Sales Berlin" u8sSIPURI="sip:sales.berlin@corp.example"
         u8sGroupLeader="anna.schmidt" u8sGroupCoLeader="" bGroupSettingsActive="1" bEveryoneSeesEveryone="0">
    <Member u8sUserName="anna.schmidt"/>
    <Member u8sUserName="bob.meyer"/>
  </Group>
</Groups>
`,
    'computers.xml': `<?xml version="1.0" encoding="UTF-8"?>
<Computers>
  <Computer iEnabled="1" u8sComputerLogin="PC-BER-0042" u8sPhoneNumber="+4930123451300" u8sPhoneSecondary=""/>
</Computers>
`,
    'database/journal.db': new Uint8Array([0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0, 1, 2, 3]),
  };
}

/** 1-based line and column of the first occurrence of `needle` in `text` (BOM counted as a character). */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture: ${JSON.stringify(needle)} not found`);
  }
  const before = text.slice(0, at).split(/\r\n|\n|\r/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Encodings the contract accepts, for building fixture files. */
export const encode = {
  utf8Bom: (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  utf16le: (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  utf16be: (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
  crlf: (text: string) => text.replace(/\r?\n/g, '\r\n'),
};

/** A temp dir per test file; `cleanup()` in afterAll. */
export function fixtureDir(prefix = 'procall-import-'): { dir: string; cleanup: () => void; next: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    next: (name) => join(dir, `${++n}-${name}`),
  };
}

/** Writes the files as a folder export at `path`. */
export function writeExportFolder(path: string, files: ExportFiles): string {
  for (const [name, content] of Object.entries(files)) {
    const full = join(path, ...name.split(/[\\/]/));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  mkdirSync(path, { recursive: true });
  return path;
}

/** Writes the files as a ZIP export at `path` (`.zip`); entry names are stored exactly as given. */
export function writeExportZip(path: string, files: ExportFiles | readonly ZipEntry[]): string {
  const entries = Array.isArray(files) ? (files as readonly ZipEntry[]) : Object.entries(files as ExportFiles).map(([name, data]) => ({ name, data }));
  writeFileSync(path, buildZip(entries));
  return path;
}
