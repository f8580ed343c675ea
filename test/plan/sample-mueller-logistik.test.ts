/**
 * The mueller-logistik plan against an empty target as a consultant and a DBA read it first (Active Directory, ECSTA and TAPI line groups):
 * summary, per-server counts, destructive items, then the first change of each table
 * (`limit: 1`). Inline so a reviewer sees it beside the test; every row is in samples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { renderPlanMarkdown, renderPlanText } from '../../src/plan/index.js';
import { samplePlan } from './sample-plan.js';

describe('mueller-logistik: the plan as read', () => {
  it('text', async () => {
    expect(renderPlanText(await samplePlan('mueller-logistik'), { color: false, limit: 1 })).toMatchInlineSnapshot(`
      "Plan: 239 to add, 0 to change, 0 to remove.
      Target: empty database

        Table                  add  change  remove
        dc.Environment           1       0       0
        dc.Server                2       0       0
        dc.Setting              44       0       0
        dc.Location              2       0       0
        dc.LocationRule          3       0       0
        dc.LineGroup             2       0       0
        dc.Line                 47       0       0
        dc.UserAccount          40       0       0
        dc.UserMonitorLine      11       0       0
        dc.UserGroup             5       0       0
        dc.UserGroupMember      66       0       0
        dc.Computer              3       0       0
        dc.License               3       0       0
        dc.ClientContent        10       0       0
        Total                  239       0       0

        Server            add  change  remove
        dc-ml-01          131       0       0
        dc-ml-02           66       0       0
        (all servers)      42       0       0

      dc.Environment: 1 to add
        + 1
            Name="Müller Logistik GmbH – ProCall DataCenter", UserStore="ad", Origin="project"

      dc.Server: 2 to add
        + dc-ml-01
            Fqdn="dc-ml-01.mueller-logistik.local", Role="ucserver", Site="München", MaxUsers=100, Origin="project"
        … and 1 more (--limit all shows every one)

      dc.Setting: 44 to add
        + global / chat.deleteAfterDays
            Type="int", Value="180", Origin="ucs-mue-01.mueller-logistik.local"
        … and 43 more (--limit all shows every one)

      dc.Location: 2 to add
        + München
            CountryCode="49", CityCode="89", LocalNumber="767", ExtFrom="200", ExtTo="299", Origin="ucs-mue-01.mueller-logistik.local"
        … and 1 more (--limit all shows every one)

      dc.LocationRule: 3 to add
        + München / 1
            Search="^(2[0-9][0-9])$", Replace="+4989767\\1", MatchReplace=false, Origin="ucs-mue-01.mueller-logistik.local"
        … and 2 more (--limit all shows every one)

      dc.LineGroup: 2 to add
        + ECSTA OpenScape Business München  @ dc-ml-01
            Kind="ECSTA", LocationName="München", ManagementServer="dc-ml-01", CreateLinesAutomatically=true, JournalAllLines=true, Origin="ucs-mue-01.mueller-logistik.local"
        … and 1 more (--limit all shows every one)

      dc.Line: 47 to add
        + tel:+49897670  @ dc-ml-01
            PhoneNumber="+49897670", InternalNumber="0", Name="Zentrale München", LineGroupName="ECSTA OpenScape Business München", ManagementServer="dc-ml-01", Trunk=true, Journal=true, Private=false, LocationName="München", Origin="ucs-mue-01.mueller-logistik.local"
        … and 46 more (--limit all shows every one)

      dc.UserAccount: 40 to add
        + andrea.maier  @ dc-ml-01
            SipUri="sip:andrea.maier@mueller-logistik.de", FirstName="Andrea", LastName="Maier", DisplayName="Maier, Andrea", Email="andrea.maier@mueller-logistik.de", Profile="Geschäftsleitung", Enabled=true, PhoneNumber="+4989767201", HomeServer="dc-ml-01", SamAccountName="andreamaier", DnPath="CN=Maier\\, Andrea,OU=Benutzer,OU=Mueller,DC=mueller-logisti…", ObjectGuid="d692ae00-23fc-51ad-bb58-4c0be70b3075", Origin="ucs-mue-01.mueller-logistik.local"
        … and 39 more (--limit all shows every one)

      dc.UserMonitorLine: 11 to add
        + bjoern.krause / +4989767207  @ dc-ml-01
            Origin="ucs-mue-01.mueller-logistik.local"
        … and 10 more (--limit all shows every one)

      dc.UserGroup: 5 to add
        + Alle Mitarbeiter
            SipUri="sip:alle@mueller-logistik.de", SettingsActive=false, EveryoneSeesEveryone=false, Enabled=true, Origin="ucs-mue-01.mueller-logistik.local"
        … and 4 more (--limit all shows every one)

      dc.UserGroupMember: 66 to add
        + Alle Mitarbeiter / andrea.maier  @ dc-ml-01
            Origin="ucs-mue-01.mueller-logistik.local"
        … and 65 more (--limit all shows every one)

      dc.Computer: 3 to add
        + ML-EMPFANG-01  @ dc-ml-01
            PhoneNumber="+4989767280", HomeServer="dc-ml-01", Enabled=true, Origin="ucs-mue-01.mueller-logistik.local"
        … and 2 more (--limit all shows every one)

      dc.License: 3 to add
        + …0001
            Kind="server", Count=1, Origin="ucs-mue-01.mueller-logistik.local"
        … and 2 more (--limit all shows every one)

      dc.ClientContent: 10 to add
        + andrea.maier  @ dc-ml-01
            ServerName="dc-ml-01", Content="<?xml version="1.0" encoding="UTF-8"?> <ClientContent u8sVe…", Revision=1728150001000, Origin="ucs-mue-01.mueller-logistik.local"
        … and 9 more (--limit all shows every one)
      "
    `);
  });

  it('markdown', async () => {
    expect(renderPlanMarkdown(await samplePlan('mueller-logistik'), { limit: 1 })).toMatchInlineSnapshot(`
      "# Migration plan

      |  |  |
      |---|---|
      | Tool version | 0.0.0-test |
      | Project | \`samples/mueller-logistik/procall-migrate.yaml\` (sha256 \`0000000000000000000000000000000000000000000000000000000000000000\`) |
      | Sources | ucs-mue-01.mueller-logistik.local (\`samples/mueller-logistik/exports/ucs-mue-01\`, 0 files) |
      | Target | empty database |
      | Prune | no |
      | Plan digest | \`bc2d06f1fced9db8947d360a5c0b2621dffc019287aebf16f2e5be9517b0a728\` |

      ## Summary

      **Plan: 239 to add, 0 to change, 0 to remove.**

      | Table | Add | Change | Remove |
      |---|---|---|---|
      | \`dc.Environment\` | 1 | 0 | 0 |
      | \`dc.Server\` | 2 | 0 | 0 |
      | \`dc.Setting\` | 44 | 0 | 0 |
      | \`dc.Location\` | 2 | 0 | 0 |
      | \`dc.LocationRule\` | 3 | 0 | 0 |
      | \`dc.LineGroup\` | 2 | 0 | 0 |
      | \`dc.Line\` | 47 | 0 | 0 |
      | \`dc.UserAccount\` | 40 | 0 | 0 |
      | \`dc.UserMonitorLine\` | 11 | 0 | 0 |
      | \`dc.UserGroup\` | 5 | 0 | 0 |
      | \`dc.UserGroupMember\` | 66 | 0 | 0 |
      | \`dc.Computer\` | 3 | 0 | 0 |
      | \`dc.License\` | 3 | 0 | 0 |
      | \`dc.ClientContent\` | 10 | 0 | 0 |
      | **Total** | 239 | 0 | 0 |

      ### Per server

      | Server | Add | Change | Remove |
      |---|---|---|---|
      | dc-ml-01 | 131 | 0 | 0 |
      | dc-ml-02 | 66 | 0 | 0 |
      | (all servers) | 42 | 0 | 0 |

      ### Destructive changes

      None: nothing is removed.

      ## dc.Environment

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | 1 |  | Name="Müller Logistik GmbH – ProCall DataCenter"<br>UserStore="ad"<br>Origin="project" |

      ## dc.Server

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | dc-ml-01 | dc-ml-01 | Fqdn="dc-ml-01.mueller-logistik.local"<br>Role="ucserver"<br>Site="München"<br>MaxUsers=100<br>Origin="project" |

      … and 1 more (see the JSON plan).

      ## dc.Setting

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | global / chat.deleteAfterDays |  | Type="int"<br>Value="180"<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 43 more (see the JSON plan).

      ## dc.Location

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | München |  | CountryCode="49"<br>CityCode="89"<br>LocalNumber="767"<br>ExtFrom="200"<br>ExtTo="299"<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 1 more (see the JSON plan).

      ## dc.LocationRule

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | München / 1 |  | Search="^(2\\[0-9\\]\\[0-9\\])$"<br>Replace="+4989767\\1"<br>MatchReplace=false<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 2 more (see the JSON plan).

      ## dc.LineGroup

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | ECSTA OpenScape Business München | dc-ml-01 | Kind="ECSTA"<br>LocationName="München"<br>ManagementServer="dc-ml-01"<br>CreateLinesAutomatically=true<br>JournalAllLines=true<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 1 more (see the JSON plan).

      ## dc.Line

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | tel:+49897670 | dc-ml-01 | PhoneNumber="+49897670"<br>InternalNumber="0"<br>Name="Zentrale München"<br>LineGroupName="ECSTA OpenScape Business München"<br>ManagementServer="dc-ml-01"<br>Trunk=true<br>Journal=true<br>Private=false<br>LocationName="München"<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 46 more (see the JSON plan).

      ## dc.UserAccount

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | andrea.maier | dc-ml-01 | SipUri="sip:andrea.maier@mueller-logistik.de"<br>FirstName="Andrea"<br>LastName="Maier"<br>DisplayName="Maier, Andrea"<br>Email="andrea.maier@mueller-logistik.de"<br>Profile="Geschäftsleitung"<br>Enabled=true<br>PhoneNumber="+4989767201"<br>HomeServer="dc-ml-01"<br>SamAccountName="andreamaier"<br>DnPath="CN=Maier\\\\, Andrea,OU=Benutzer,OU=Mueller,DC=mueller-logisti…"<br>ObjectGuid="d692ae00-23fc-51ad-bb58-4c0be70b3075"<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 39 more (see the JSON plan).

      ## dc.UserMonitorLine

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | bjoern.krause / +4989767207 | dc-ml-01 | Origin="ucs-mue-01.mueller-logistik.local" |

      … and 10 more (see the JSON plan).

      ## dc.UserGroup

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Alle Mitarbeiter |  | SipUri="sip:alle@mueller-logistik.de"<br>SettingsActive=false<br>EveryoneSeesEveryone=false<br>Enabled=true<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 4 more (see the JSON plan).

      ## dc.UserGroupMember

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Alle Mitarbeiter / andrea.maier | dc-ml-01 | Origin="ucs-mue-01.mueller-logistik.local" |

      … and 65 more (see the JSON plan).

      ## dc.Computer

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | ML-EMPFANG-01 | dc-ml-01 | PhoneNumber="+4989767280"<br>HomeServer="dc-ml-01"<br>Enabled=true<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 2 more (see the JSON plan).

      ## dc.License

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | …0001 |  | Kind="server"<br>Count=1<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 2 more (see the JSON plan).

      ## dc.ClientContent

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | andrea.maier | dc-ml-01 | ServerName="dc-ml-01"<br>Content="&lt;?xml version="1.0" encoding="UTF-8"?> &lt;ClientContent u8sVe…"<br>Revision=1728150001000<br>Origin="ucs-mue-01.mueller-logistik.local" |

      … and 9 more (see the JSON plan).
      "
    `);
  });
});
