/**
 * User groups and their members, and the DataCenter rule for "everyone sees everyone": never
 * global (performance in large environments); with `monitor.everyoneSeesEveryone: perGroup` the
 * groups of a source that had it globally get it per group (up to `groupLimit` members), with
 * `drop` it is dropped. Every group that has it also gets a group-scoped Setting row.
 */
import type { SettingRow, UserGroupMemberRow, UserGroupRow } from '../model/index.js';
import type { Group } from '../model/index.js';
import { at, cmpName, lc, pushTo, type MapContext } from './context.js';
import { PROVENANCE_RULES } from './provenance.js';
import { EVERYONE_SEES_EVERYONE, type SourcedSetting } from './settings.js';
import type { ConsolidatedUser } from './users.js';

export interface MappedGroups {
  groups: UserGroupRow[];
  members: UserGroupMemberRow[];
  /** Scope `group` rows: monitor.everyoneSeesEveryone per group that has it. */
  settings: SettingRow[];
}

interface GroupEntry {
  row: UserGroupRow;
  first: Group;
  sources: string[];
  ownFlag: boolean;
  /** The global setting a per-group flag was made from (provenance of the group-level row). */
  grantedBy?: SourcedSetting;
  members: Map<string, UserGroupMemberRow>;
}

const isOn = (s: SourcedSetting): boolean => typeof s.setting.value === 'string' && /^(1|true)$/i.test(s.setting.value.trim());

export function mapGroups(ctx: MapContext, users: readonly ConsolidatedUser[], everyone: readonly SourcedSetting[]): MappedGroups {
  const known = new Map(users.map((u) => [lc(u.user.userName), u.user.userName]));
  const entries = new Map<string, GroupEntry>();
  for (const e of ctx.exports) {
    for (const g of e.groups) {
      let entry = entries.get(lc(g.name));
      if (entry === undefined) {
        entry = {
          row: {
            Name: g.name,
            SipUri: g.sipUri,
            LeaderUserName: g.leader,
            CoLeaderUserName: g.coLeader,
            SettingsActive: g.settingsActive,
            EveryoneSeesEveryone: false,
            Enabled: g.enabled,
            Origin: e.source,
          },
          first: g,
          sources: [e.source],
          ownFlag: g.everyoneSeesEveryone,
          members: new Map(),
        };
        entries.set(lc(g.name), entry);
        ctx.provenance.fromExport(entry.row, e.source, g.pos);
      } else {
        if (!entry.sources.includes(e.source)) entry.sources.push(e.source);
        ctx.provenance.fromExport(entry.row, e.source, g.pos);
        entry.ownFlag ||= g.everyoneSeesEveryone;
        const f = entry.first;
        if (lc(f.sipUri) !== lc(g.sipUri) || lc(f.leader) !== lc(g.leader) || lc(f.coLeader) !== lc(g.coLeader) || f.enabled !== g.enabled || f.settingsActive !== g.settingsActive) {
          ctx.warn('MAP_GROUP_MERGED', `group "${g.name}" is in ${entry.row.Origin} and ${e.source} with different attributes: members merged, attributes of ${entry.row.Origin} kept`, {
            ...at(e.source, g.pos),
            subject: `group:${g.name}`,
            params: { group: g.name, servers: [entry.row.Origin, e.source], kept: entry.row.Origin },
          });
        }
      }
      for (const m of g.members) {
        const userName = known.get(lc(m.userName));
        if (userName === undefined) {
          ctx.warn('MAP_GROUP_MEMBER_UNKNOWN', `member "${m.userName}" of group "${g.name}" is not a migrated user; the membership is not migrated`, { ...at(e.source, m.pos), subject: `group:${g.name}`, params: { group: g.name, user: m.userName } });
          continue;
        }
        let member = entry.members.get(lc(userName));
        if (member === undefined) {
          member = { GroupName: entry.row.Name, UserName: userName, Origin: e.source };
          entry.members.set(lc(userName), member);
        }
        ctx.provenance.fromExport(member, e.source, m.pos);
      }
    }
  }
  const settings = applyEveryoneSeesEveryone(ctx, [...entries.values()], everyone);
  return {
    groups: [...entries.values()].map((g) => g.row),
    members: [...entries.values()].flatMap((g) => [...g.members.values()]),
    settings,
  };
}

function applyEveryoneSeesEveryone(ctx: MapContext, groups: readonly GroupEntry[], everyone: readonly SourcedSetting[]): SettingRow[] {
  const { everyoneSeesEveryone: mode, groupLimit } = ctx.project.monitor;
  const on = new Set(everyone.filter(isOn).map((s) => lc(s.source)));
  for (const s of everyone) {
    if (!isOn(s)) {
      ctx.decide('monitor.global-off', `${s.source}: global ${EVERYONE_SEES_EVERYONE}=off is not migrated`, 'DataCenter has no global value for it; off is its default', [s.source]);
    }
  }
  const granted = new Map<string, string[]>();
  const tooLarge = new Map<string, string[]>();
  const sorted = [...groups].sort((a, b) => cmpName(a.row.Name, b.row.Name));
  for (const g of sorted) {
    const size = g.members.size;
    if (g.ownFlag) {
      g.row.EveryoneSeesEveryone = true;
      if (size > groupLimit) {
        ctx.warn('MAP_MONITOR_GROUP_LIMIT', `group "${g.row.Name}" has everyone-sees-everyone in its source and ${size} members (monitor.groupLimit ${groupLimit}); kept, but large groups slow the monitor`, {
          ...at(g.row.Origin, g.first.pos),
          subject: `group:${g.row.Name}`,
          params: { group: g.row.Name, count: size, max: groupLimit, kept: true },
        });
      }
      continue;
    }
    const source = g.sources.find((s) => on.has(lc(s)));
    if (source === undefined || mode === 'drop') continue;
    if (size <= groupLimit) {
      g.row.EveryoneSeesEveryone = true;
      g.grantedBy = everyone.find((s) => isOn(s) && lc(s.source) === lc(source));
      pushTo(granted, source, g.row.Name);
    } else {
      pushTo(tooLarge, source, g.row.Name);
      ctx.warn(
        'MAP_MONITOR_GROUP_LIMIT',
        `group "${g.row.Name}" (${size} members) does not get everyone-sees-everyone: more than monitor.groupLimit ${groupLimit}`,
        { ...at(g.row.Origin, g.first.pos), hint: 'raise monitor.groupLimit if the group really needs it', subject: `group:${g.row.Name}`, params: { group: g.row.Name, count: size, max: groupLimit, kept: false } },
      );
    }
  }
  for (const s of everyone.filter(isOn)) {
    const where = at(s.source, s.setting.pos);
    if (mode === 'drop') {
      ctx.info('MAP_MONITOR_EVERYONE', `${s.source}: global ${EVERYONE_SEES_EVERYONE} is dropped (monitor.everyoneSeesEveryone: drop)`, {
        ...where,
        subject: `setting:${EVERYONE_SEES_EVERYONE}`,
        params: { server: s.source, key: EVERYONE_SEES_EVERYONE, mode: 'drop' },
      });
      ctx.decide('monitor.drop', `global ${EVERYONE_SEES_EVERYONE} of ${s.source} dropped`, 'DataCenter does not allow it globally and the project chose drop', [s.source]);
      continue;
    }
    const list = granted.get(s.source) ?? [];
    const skipped = tooLarge.get(s.source) ?? [];
    ctx.report(
      'MAP_MONITOR_EVERYONE',
      list.length === 0 ? 'warning' : 'info',
      `${s.source}: global ${EVERYONE_SEES_EVERYONE} becomes group-level for ${list.length} group(s)${list.length === 0 ? ' — its users no longer see everyone' : ''}`,
      { ...where, subject: `setting:${EVERYONE_SEES_EVERYONE}`, params: { server: s.source, key: EVERYONE_SEES_EVERYONE, mode: 'perGroup', count: list.length, groups: list.slice(0, 10) } },
    );
    ctx.decide(
      'monitor.per-group',
      `global ${EVERYONE_SEES_EVERYONE} of ${s.source} set on ${list.length} group(s)${skipped.length > 0 ? `, not on ${skipped.length} larger than ${groupLimit}` : ''}`,
      'DataCenter does not allow it globally (performance in large environments); per group it is allowed',
      list.length > 0 ? list : [s.source],
    );
  }
  return groups
    .filter((g) => g.row.EveryoneSeesEveryone)
    .map((g) => {
      const row: SettingRow = { Scope: 'group', ServerName: '', Key: EVERYONE_SEES_EVERYONE, ObjectName: g.row.Name, Type: 'bool', Value: '1', Origin: g.row.Origin };
      if (g.grantedBy === undefined) {
        // The group's own bEveryoneSeesEveryone: the group element(s) are where it came from.
        for (const p of ctx.provenance.of(g.row)) ctx.provenance.add(row, p);
      } else {
        ctx.provenance.fromExport(row, g.grantedBy.source, g.grantedBy.setting.pos);
        ctx.provenance.byRule(row, PROVENANCE_RULES.groupFromGlobal, `global ${EVERYONE_SEES_EVERYONE} of ${g.grantedBy.source}`);
        // The group row's flag was made by the same rule.
        ctx.provenance.byRule(g.row, PROVENANCE_RULES.groupFromGlobal, `global ${EVERYONE_SEES_EVERYONE} of ${g.grantedBy.source}`);
      }
      return row;
    });
}
