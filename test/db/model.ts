/**
 * A small hand-built DataCenter model touching every table, for the real-server tests. One
 * "wave" = the rows of one source server (Origin); names are prefixed so two waves never share
 * a key. `text` is put into every free-text column (quotes, `]`, `;--`, umlauts, emoji…).
 */
import { emptyModel, type DataCenterModel } from '../../src/model/datacenter.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';

export const SERVER = 'dc-ucs-01';

/** Rows that belong to the project (shared by every wave). */
export function projectRows(model: DataCenterModel = emptyModel()): DataCenterModel {
  model.Environment.push({ Id: 1, Name: 'Contoso DataCenter', UserStore: 'mssql', Origin: 'project' });
  model.Server.push(
    { Name: SERVER, Fqdn: 'dc-ucs-01.corp.example', Role: 'ucserver', Site: 'Berlin', MaxUsers: 5000, Origin: 'project' },
    { Name: 'dc-ms-01', Fqdn: 'dc-ms-01.corp.example', Role: 'mediaserver', Site: null, MaxUsers: null, Origin: 'project' },
  );
  return model;
}

/** One wave's rows: `n` users (with lines, monitor lines, a group, client content). */
export function waveRows(origin: string, prefix: string, n: number, text = 'plain', model: DataCenterModel = emptyModel()): DataCenterModel {
  const loc = `${prefix}-loc`;
  const group = `${prefix}-group`;
  const lineGroup = `${prefix}-lg`;
  model.Setting.push(
    { Scope: 'global', ServerName: '', Key: `${prefix}.text`, ObjectName: '', Type: 'text', Value: text, Origin: origin },
    { Scope: 'global', ServerName: '', Key: `${prefix}.password`, ObjectName: '', Type: 'secret', Value: new Sensitive(`pw-${text}`), Origin: origin },
    { Scope: 'server', ServerName: SERVER, Key: `${prefix}.logging.level`, ObjectName: '', Type: 'int', Value: '3', Origin: origin },
    { Scope: 'group', ServerName: '', Key: 'monitor.everyoneSeesEveryone', ObjectName: group, Type: 'bool', Value: '1', Origin: origin },
  );
  model.Location.push({ Name: loc, CountryCode: '49', CityCode: '30', LocalNumber: '1234', ExtFrom: '100', ExtTo: '999', Origin: origin });
  model.LocationRule.push(
    { LocationName: loc, Position: 1, Search: '^0', Replace: '+49', MatchReplace: true, Origin: origin },
    { LocationName: loc, Position: 2, Search: text, Replace: text, MatchReplace: false, Origin: origin },
  );
  model.LineGroup.push({ Name: lineGroup, Kind: 'ECSTA', LocationName: loc, ManagementServer: SERVER, CreateLinesAutomatically: true, JournalAllLines: false, Origin: origin });
  model.UserGroup.push({
    Name: group,
    SipUri: `sip:${prefix}-group@corp.example`,
    LeaderUserName: `${prefix}-user-0`,
    CoLeaderUserName: '',
    SettingsActive: true,
    EveryoneSeesEveryone: true,
    Enabled: true,
    Origin: origin,
  });
  for (let i = 0; i < n; i++) {
    const userName = `${prefix}-user-${i}`;
    const phone = `+4930-${prefix}-${String(i).padStart(4, '0')}`;
    model.Line.push({
      Uri: `tel:${phone}`,
      PhoneNumber: phone,
      InternalNumber: String(1000 + i),
      Name: `${text} ${i}`,
      LineGroupName: lineGroup,
      ManagementServer: SERVER,
      Trunk: false,
      Journal: i % 2 === 0,
      Private: false,
      LocationName: loc,
      Origin: origin,
    });
    model.UserAccount.push({
      UserName: userName,
      SipUri: `sip:${userName}@corp.example`,
      FirstName: text,
      LastName: `Last ${i}`,
      DisplayName: `${text} (${i})`,
      Email: `${userName}@corp.example`,
      Profile: '',
      Enabled: i % 5 !== 4,
      PhoneNumber: phone,
      PhoneSecondary: '',
      HomeServer: SERVER,
      Credential: new Sensitive(`{PBKDF2}10000$${text}$${i}`),
      SamAccountName: '',
      DnPath: '',
      ObjectGuid: '',
      Origin: origin,
    });
    if (i > 0) model.UserMonitorLine.push({ UserName: userName, PhoneNumber: model.Line[0]?.PhoneNumber ?? phone, Origin: origin });
    model.UserGroupMember.push({ GroupName: group, UserName: userName, Origin: origin });
    if (i < 3) {
      model.ClientContent.push({
        UserName: userName,
        ServerName: SERVER,
        Content: `<?xml version="1.0"?>\n<ClientContent user="${userName}">${text}\n${'x'.repeat(5000)}😀</ClientContent>`,
        Revision: 9_007_199_254_740 + i,
        Origin: origin,
      });
    }
  }
  model.Computer.push({ Name: `${prefix}-pc`, PhoneNumber: model.Line[0]?.PhoneNumber ?? '', PhoneSecondary: '', HomeServer: SERVER, Enabled: false, Origin: origin });
  model.License.push({ LicenseKey: new LicenseKey(`${prefix.toUpperCase()}-LIC-0001`), Kind: 'user', Count: n + 5, Origin: origin });
  return model;
}

/** Project rows plus the given waves, as one desired model. */
export function desiredModel(...waves: [origin: string, prefix: string, n: number, text?: string][]): DataCenterModel {
  const model = projectRows();
  for (const [origin, prefix, n, text] of waves) waveRows(origin, prefix, n, text ?? 'plain', model);
  return model;
}
