import { describe, expect, it } from 'vitest';
import { Sensitive } from '../../src/model/sensitive.js';
import {
  fingerprintModel,
  planChanges,
  planJsonSchema,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
} from '../../src/plan/index.js';
import { license, line, member, model, options, server, setting, user } from './fixtures.js';

// Every secret below must never appear in any rendering.
const SECRETS = ['hunter2-old', 'hunter2-new', 'smtp-pass-1', 'smtp-pass-2', 'gone-pw', 'created-pw', 'LIC-AAAA-BBBB-CCCC-0001', 'LIC-AAAA-BBBB-CCCC-0002'];

const actual = model({
  Server: [server('dc-ucs-01', { Site: 'Berlin' })],
  Setting: [setting('smtp.password', new Sensitive('smtp-pass-1'))],
  UserAccount: [
    user('alice', { DisplayName: 'Alice', Credential: new Sensitive('hunter2-old') }),
    user('bob', { Credential: new Sensitive('gone-pw'), HomeServer: 'dc-ucs-01' }),
  ],
  License: [license('LIC-AAAA-BBBB-CCCC-0001')],
});
const desired = model({
  Server: [server('dc-ucs-01', { Site: 'Berlin' }), server('dc-ucs-02', { MaxUsers: 500 })],
  Setting: [setting('smtp.password', new Sensitive('smtp-pass-2')), setting('logging.retentionHours', '48', { Scope: 'server', ServerName: 'dc-ucs-02', Origin: 'project' })],
  Line: [line('tel:+49301234100', { PhoneNumber: '+49301234100', ManagementServer: 'dc-ucs-02', Name: 'Carol | desk' })],
  UserAccount: [
    user('alice', { DisplayName: 'Alice Adams', Credential: new Sensitive('hunter2-new') }),
    user('carol', { HomeServer: 'dc-ucs-02', PhoneNumber: '+49301234100', Credential: new Sensitive('created-pw') }),
  ],
  UserGroupMember: [member('Sales', 'carol')],
  License: [license('LIC-AAAA-BBBB-CCCC-0001', { Count: 250 }), license('LIC-AAAA-BBBB-CCCC-0002', { Kind: 'server', Count: 1 })],
});
const plan = planChanges(desired, actual, options({ prune: true, meta: { targetFingerprint: fingerprintModel(actual) } }));

describe('plan renderings', () => {
  it('text (no colour): summary, destructive items, then details per table', () => {
    expect(renderPlanText(plan, { color: false })).toMatchInlineSnapshot(`
      "Plan: 6 to add, 3 to change, 1 to remove.
      Target: fingerprint 1d62eeeda932…, with --prune

        Table                  add  change  remove
        dc.Server                1       0       0
        dc.Setting               1       1       0
        dc.Line                  1       0       0
        dc.UserAccount           1       1       1
        dc.UserGroupMember       1       0       0
        dc.License               1       1       0
        Total                    6       3       1

        Server            add  change  remove
        dc-ucs-01           0       1       1
        dc-ucs-02           5       0       0
        (all servers)       1       2       0

      Destructive: 1 row to remove
        - dc.UserAccount bob (dc-ucs-01)

      dc.Server: 1 to add
        + dc-ucs-02
            Fqdn="dc-ucs-02.corp.example", Role="ucserver", MaxUsers=500, Origin="project"

      dc.Setting: 1 to add, 1 to change
        ~ global / smtp.password
            Value: (sensitive) → (sensitive)
        + server / dc-ucs-02 / logging.retentionHours  @ dc-ucs-02
            Type="text", Value="48", Origin="project"

      dc.Line: 1 to add
        + tel:+49301234100  @ dc-ucs-02
            PhoneNumber="+49301234100", Name="Carol | desk", LineGroupName="ECSTA Berlin", ManagementServer="dc-ucs-02", Trunk=false, Journal=false, Private=false, LocationName="Berlin", Origin="ucs-ber-01"

      dc.UserAccount: 1 to add, 1 to change, 1 to remove
        ~ alice  @ dc-ucs-01
            DisplayName: "Alice" → "Alice Adams"
            Credential: (sensitive) → (sensitive)
        + carol  @ dc-ucs-02
            SipUri="carol@corp.example", DisplayName="carol", Enabled=true, PhoneNumber="+49301234100", HomeServer="dc-ucs-02", Credential=(sensitive), Origin="ucs-ber-01"
        - bob  @ dc-ucs-01

      dc.UserGroupMember: 1 to add
        + Sales / carol  @ dc-ucs-02
            Origin="ucs-ber-01"

      dc.License: 1 to add, 1 to change
        ~ …0001
            Count: 100 → 250
        + …0002
            Kind="server", Count=1, Origin="ucs-ber-01"
      "
    `);
  });

  it('markdown', () => {
    expect(renderPlanMarkdown(plan)).toMatchInlineSnapshot(`
      "# Migration plan

      |  |  |
      |---|---|
      | Tool version | 0.1.0 |
      | Project | \`/customers/contoso/procall-migrate.yaml\` (sha256 \`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\`) |
      | Sources | ucs-ber-01 (\`exports/ucs-ber-01.zip\`, 1 file) |
      | Target | fingerprint \`1d62eeeda93210b16fa90d8f5c7a1df34cf871737223a3b6e77f0884d341fcde\` |
      | Prune | yes: rows of these sources no longer in the exports are removed |
      | Plan digest | \`2041a9c49dfa3f94d74a3918381c975cba793a4382222e8e13954876a1198da8\` |

      ## Summary

      **Plan: 6 to add, 3 to change, 1 to remove.**

      | Table | Add | Change | Remove |
      |---|---|---|---|
      | \`dc.Server\` | 1 | 0 | 0 |
      | \`dc.Setting\` | 1 | 1 | 0 |
      | \`dc.Line\` | 1 | 0 | 0 |
      | \`dc.UserAccount\` | 1 | 1 | 1 |
      | \`dc.UserGroupMember\` | 1 | 0 | 0 |
      | \`dc.License\` | 1 | 1 | 0 |
      | **Total** | 6 | 3 | 1 |

      ### Per server

      | Server | Add | Change | Remove |
      |---|---|---|---|
      | dc-ucs-01 | 0 | 1 | 1 |
      | dc-ucs-02 | 5 | 0 | 0 |
      | (all servers) | 1 | 2 | 0 |

      ### Destructive changes

      - dc.UserAccount bob (dc-ucs-01)

      ## dc.Server

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | dc-ucs-02 | dc-ucs-02 | Fqdn="dc-ucs-02.corp.example"<br>Role="ucserver"<br>MaxUsers=500<br>Origin="project" |

      ## dc.Setting

      | Action | Key | Server | Details |
      |---|---|---|---|
      | change | global / smtp.password |  | Value: (sensitive) → (sensitive) |
      | add | server / dc-ucs-02 / logging.retentionHours | dc-ucs-02 | Type="text"<br>Value="48"<br>Origin="project" |

      ## dc.Line

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | tel:+49301234100 | dc-ucs-02 | PhoneNumber="+49301234100"<br>Name="Carol \\| desk"<br>LineGroupName="ECSTA Berlin"<br>ManagementServer="dc-ucs-02"<br>Trunk=false<br>Journal=false<br>Private=false<br>LocationName="Berlin"<br>Origin="ucs-ber-01" |

      ## dc.UserAccount

      | Action | Key | Server | Details |
      |---|---|---|---|
      | change | alice | dc-ucs-01 | DisplayName: "Alice" → "Alice Adams"<br>Credential: (sensitive) → (sensitive) |
      | add | carol | dc-ucs-02 | SipUri="carol@corp.example"<br>DisplayName="carol"<br>Enabled=true<br>PhoneNumber="+49301234100"<br>HomeServer="dc-ucs-02"<br>Credential=(sensitive)<br>Origin="ucs-ber-01" |
      | remove | bob | dc-ucs-01 |  |

      ## dc.UserGroupMember

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Sales / carol | dc-ucs-02 | Origin="ucs-ber-01" |

      ## dc.License

      | Action | Key | Server | Details |
      |---|---|---|---|
      | change | …0001 |  | Count: 100 → 250 |
      | add | …0002 |  | Kind="server"<br>Count=1<br>Origin="ucs-ber-01" |
      "
    `);
  });

  it('text for no changes says so', () => {
    expect(renderPlanText(planChanges(actual, actual, options()), { color: false })).toMatchInlineSnapshot(`
      "No changes. The target already matches the exports and the project.
      Target: empty database
      "
    `);
  });

  it('colours only when asked', () => {
    expect(renderPlanText(plan, { color: false })).not.toContain('\u001b[');
    const coloured = renderPlanText(plan, { color: true });
    expect(coloured).toContain('\u001b[32m  + dc-ucs-02\u001b[39m');
    expect(coloured).toContain('\u001b[31m  - bob\u001b[39m');
  });

  it('shows the first N per table, then how many more, unless all', () => {
    const many = planChanges(model({ UserAccount: Array.from({ length: 7 }, (_, i) => user(`u${i}`)) }), model({}), options());
    const text = renderPlanText(many, { color: false, limit: 3 });
    expect(text.match(/^ {2}\+ u\d/gm)).toHaveLength(3);
    expect(text).toContain('  … and 4 more (--limit all shows every one)');
    expect(renderPlanText(many, { color: false, limit: 'all' }).match(/^ {2}\+ u\d/gm)).toHaveLength(7);
    expect(renderPlanMarkdown(many, { limit: 2 })).toContain('… and 5 more (see the JSON plan).');
  });

  it('JSON has the contract’s shape and validates against the plan schema', () => {
    const json = JSON.parse(renderPlanJson(plan)) as unknown;
    const parsed = planJsonSchema.parse(json);
    expect(parsed.formatVersion).toBe(2);
    expect(parsed.summary['dc.UserAccount']).toEqual({ create: 1, update: 1, delete: 1 });
    expect(parsed.changes.find((c) => c.key['UserName'] === 'alice')).toEqual({
      table: 'dc.UserAccount',
      key: { UserName: 'alice' },
      action: 'update',
      server: 'dc-ucs-01',
      changes: { DisplayName: { from: 'Alice', to: 'Alice Adams' }, Credential: { from: '(sensitive)', to: '(sensitive)' } },
    });
    expect(parsed.changes.find((c) => c.action === 'delete' && c.table === 'dc.UserAccount')?.before).toMatchObject({
      UserName: 'bob',
      Credential: '(sensitive)',
    });
    expect(parsed.changes.filter((c) => c.table === 'dc.License').map((c) => c.key)).toEqual([
      { LicenseKey: '…0001' },
      { LicenseKey: '…0002' },
    ]);
  });

  it.each([
    ['text', () => renderPlanText(plan, { color: true, limit: 'all' })],
    ['json', () => renderPlanJson(plan)],
    ['markdown', () => renderPlanMarkdown(plan, { limit: 'all' })],
  ])('%s never contains a secret or a full licence key', (_name, render) => {
    const out = render();
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).toContain('(sensitive)');
    expect(out).toContain('…0002');
  });
});
