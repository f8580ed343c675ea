/** manifest.xml, config/ucserver.xml and config/locations.xml → model parts. */
import type { License, Location, Manifest, Setting, UserManagement } from '../model/index.js';
import { findCatalogEntry } from '../model/index.js';
import { withPath } from './entity-paths.js';
import { LOCATIONS, MANIFEST, ROOTS, UCSERVER, USER_MANAGEMENT_KEY, USER_MANAGEMENT_VALUES } from './format.js';
import { readRow, readRows, reportUnknownChildren } from './rows.js';
import type { XmlDoc } from './xml-doc.js';

export function readManifest(doc: XmlDoc): Manifest | undefined {
  const row = readRow(doc, doc.root, `/${ROOTS.manifest}`, MANIFEST);
  return row && { ...row.value, pos: row.pos };
}

export interface UcServerConfig {
  settings: Setting[];
  licenses: License[];
  userManagement: UserManagement | undefined;
}

export function readUcServer(doc: XmlDoc): UcServerConfig {
  const rootPath = `/${ROOTS.ucserver}`;
  reportUnknownChildren(doc, doc.root, rootPath, [UCSERVER.settings, UCSERVER.licenses]);
  const settings: Setting[] = [];
  const licenses: License[] = [];
  let userManagement: UserManagement | undefined;
  let modeSeen = false;
  for (const block of doc.root.children) {
    const blockPath = `${rootPath}/${block.name}`;
    if (block.name === UCSERVER.settings) {
      reportUnknownChildren(doc, block, blockPath, [UCSERVER.setting.element]);
      const { rows, invalid } = readRows(doc, block, blockPath, UCSERVER.setting);
      modeSeen ||= invalid.some((el) => el.attrs.key?.trim().toLowerCase() === USER_MANAGEMENT_KEY);
      for (const row of rows) {
        const setting = withPath({ ...row.value, pos: row.pos }, row.path);
        settings.push(setting);
        if (setting.type === 'secret' && row.el.attrs.type !== 'secret') {
          doc.report('IMPORT_SECRET_NOT_MARKED', `setting ${setting.key} holds a password but is typed "${row.el.attrs.type ?? ''}"; it is imported as a secret`, {
            el: row.el,
            attr: 'type',
            path: row.path,
            hint: 'its value is never shown; in DataCenter it is stored as type secret',
            subject: `setting:${setting.key}`,
            params: { key: setting.key, type: row.el.attrs.type ?? '' },
          });
        }
        if (setting.key.toLowerCase() === USER_MANAGEMENT_KEY && typeof setting.value === 'string') {
          modeSeen = true;
          userManagement = USER_MANAGEMENT_VALUES[setting.value.trim() as keyof typeof USER_MANAGEMENT_VALUES];
          if (userManagement === 'integrated') {
            doc.report('IMPORT_FILE_BASED_USER_MANAGEMENT', 'this export uses file-based (integrated) user management, which ProCall DataCenter does not support', {
              el: row.el,
              attr: 'value',
              path: row.path,
              hint: 'set `userStore: mssql` (or `ad`) in the project file; the users are then created in that user store',
            subject: `setting:${setting.key}`,
            params: { key: setting.key, value: setting.value },
            });
          }
        }
        if (findCatalogEntry(setting.key) === undefined) {
          doc.report('IMPORT_SETTING_UNCLASSIFIED', `setting ${setting.key} is not in the catalog; it is carried over as a local setting of this server`, {
            el: row.el,
            path: row.path,
            hint: 'decide its scope under `settings:` in the project file if it should be global',
            subject: `setting:${setting.key}`,
            params: { key: setting.key },
          });
        }
      }
    } else if (block.name === UCSERVER.licenses) {
      reportUnknownChildren(doc, block, blockPath, [UCSERVER.license.element]);
      for (const row of readRows(doc, block, blockPath, UCSERVER.license).rows) licenses.push(withPath({ ...row.value, pos: row.pos }, row.path));
    }
  }
  if (!modeSeen) {
    doc.report('IMPORT_USER_MANAGEMENT_MISSING', `${doc.file} has no ${USER_MANAGEMENT_KEY} setting; the user management of this server is unknown`, {
      el: doc.root,
      path: rootPath,
      subject: `setting:${USER_MANAGEMENT_KEY}`,
      params: { file: doc.file, key: USER_MANAGEMENT_KEY },
    });
  }
  return { settings, licenses, userManagement };
}

export function readLocations(doc: XmlDoc): Location[] {
  const rootPath = `/${ROOTS.locations}`;
  reportUnknownChildren(doc, doc.root, rootPath, [LOCATIONS.location.element]);
  return readRows(doc, doc.root, rootPath, LOCATIONS.location).rows.map((row) => {
    reportUnknownChildren(doc, row.el, row.path, [LOCATIONS.rules]);
    const rules = row.el.children
      .filter((c) => c.name === LOCATIONS.rules)
      .flatMap((block, i) => {
        const blockPath = `${row.path}/${LOCATIONS.rules}[${i + 1}]`;
        reportUnknownChildren(doc, block, blockPath, [LOCATIONS.rule.element]);
        return readRows(doc, block, blockPath, LOCATIONS.rule).rows.map((r) => withPath({ ...r.value, pos: r.pos }, r.path));
      });
    return withPath({ ...row.value, rules, pos: row.pos }, row.path);
  });
}
